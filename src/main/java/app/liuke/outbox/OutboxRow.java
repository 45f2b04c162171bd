package app.liuke.outbox;

import app.liuke.channel.Outbound;

/**
 * One queued message as stored. {@code purpose} is reply, care or marketing; campaign rows carry
 * their customer and the time after which they are stale.
 */
public record OutboxRow(long id, String channel, String chatId, String key, Outbound message, int attempts,
                        long notBefore, String status, Long customerId, String purpose, Long expiresAt) {
}
