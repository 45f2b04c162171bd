package app.liuke.outbox;

import app.liuke.channel.Outbound;
import app.liuke.store.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The only way out: a message is written here, with a unique key, inside the transaction that
 * decided to send it, and the {@link Dispatcher} sends it after the commit. A second enqueue with the
 * same key is ignored, so a retried decision never sends twice. Stateless; runs in the caller's
 * transaction.
 */
public final class Outbox {
    /** Telegram's limit for one message; the web chat uses the same. */
    public static final int MAX_TEXT = 4096;

    /**
     * Queues {@code message} under {@code key}; a text over {@link #MAX_TEXT} characters becomes
     * several rows ({@code key#1}, {@code key#2} …) with the buttons under the last one.
     */
    public void enqueue(Handle handle, Outbound message, String key, Long customerId, Instant now) {
        if (message instanceof Outbound.SendText text && text.text().length() > MAX_TEXT) {
            List<String> parts = TextSplitter.split(text.text(), MAX_TEXT);
            for (int i = 0; i < parts.size(); i++) {
                var buttons = i == parts.size() - 1 ? text.buttons() : List.<List<app.liuke.channel.Button>>of();
                insert(handle, new Outbound.SendText(text.chat(), parts.get(i), buttons), key + "#" + (i + 1), customerId, now);
            }
            return;
        }
        insert(handle, message, key, customerId, now);
    }

    private void insert(Handle handle, Outbound message, String key, Long customerId, Instant now) {
        handle.update("""
                INSERT INTO outbox (channel, chat_id, idempotency_key, kind, payload, customer_id, not_before, created_at)
                VALUES (:channel, :chat, :key, :kind, :payload, :customer, :now, :now)
                ON CONFLICT (idempotency_key) DO NOTHING""",
                "channel", message.chat().channel(), "chat", message.chat().chatId(), "key", key,
                "kind", OutboundCodec.kind(message), "payload", OutboundCodec.encode(message), "customer", customerId,
                "now", now.getEpochSecond());
    }

    /** The oldest pending rows of one channel, due or not (the dispatcher keeps each chat in order). */
    public List<OutboxRow> pending(Handle handle, String channel, int limit) {
        return handle.query("SELECT * FROM outbox WHERE status = 'pending' AND channel = :channel ORDER BY id LIMIT :limit",
                Outbox::map, "channel", channel, "limit", limit);
    }

    /** Rows for one chat after {@code afterId}, oldest first (the web chat reads its messages this way). */
    public List<OutboxRow> forChat(Handle handle, String channel, String chatId, long afterId, int limit) {
        return handle.query("SELECT * FROM outbox WHERE channel = :channel AND chat_id = :chat AND id > :after"
                + " ORDER BY id LIMIT :limit", Outbox::map, "channel", channel, "chat", chatId, "after", afterId, "limit", limit);
    }

    public void markSent(Handle handle, long id, String externalId, Instant now) {
        handle.update("UPDATE outbox SET status = 'sent', sent_at = :now, external_id = :external, attempts = attempts + 1"
                + " WHERE id = :id", "now", now.getEpochSecond(), "external", externalId, "id", id);
    }

    public void markFailed(Handle handle, long id, String error, Instant now) {
        handle.update("UPDATE outbox SET status = 'failed', sent_at = :now, error = :error, attempts = attempts + 1"
                + " WHERE id = :id", "now", now.getEpochSecond(), "error", error, "id", id);
    }

    public void retryLater(Handle handle, long id, Duration wait, String error, Instant now) {
        handle.update("UPDATE outbox SET not_before = :when, error = :error, attempts = attempts + 1 WHERE id = :id",
                "when", now.plus(wait).getEpochSecond(), "error", error, "id", id);
    }

    /** A group became a supergroup: its pending messages go to the new id. */
    public void moveChat(Handle handle, String channel, String oldChatId, String newChatId) {
        handle.update("UPDATE outbox SET chat_id = :new, payload = replace(payload, :oldJson, :newJson)"
                + " WHERE channel = :channel AND chat_id = :old AND status = 'pending'",
                "new", newChatId, "old", oldChatId, "channel", channel,
                "oldJson", "\"chatId\":\"" + oldChatId + "\"", "newJson", "\"chatId\":\"" + newChatId + "\"");
    }

    private static OutboxRow map(ResultSet row) throws SQLException {
        return new OutboxRow(row.getLong("id"), row.getString("channel"), row.getString("chat_id"),
                row.getString("idempotency_key"), OutboundCodec.decode(row.getString("kind"), row.getString("payload")),
                row.getInt("attempts"), row.getLong("not_before"), row.getString("status"));
    }
}
