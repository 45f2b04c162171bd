package app.liuke.outbox;

import app.liuke.channel.Outbound;

/** One queued message as stored. */
public record OutboxRow(long id, String channel, String chatId, String key, Outbound message, int attempts,
                        long notBefore, String status) {
}
