package app.liuke.channel;

import app.liuke.store.Handle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The durable inbox table. Stateless; runs in the caller's transaction. */
public final class Inbox {
    /** A chat's waiting updates up to one of them; index inbox_pending_chat answers it (InboxTest checks). */
    static final String PENDING_UP_TO = "SELECT id, channel, update_id, chat_key, payload FROM inbox WHERE channel = :channel"
            + " AND chat_key = :chat AND status = 'pending' AND id <= :id ORDER BY id";

    /** Stores the update unless its (channel, update id) is already there; the new row's id, or empty for a repeat. */
    public Optional<Long> insertIfNew(Handle handle, IncomingUpdate update, Instant now) {
        return handle.queryOne("""
                INSERT INTO inbox (channel, update_id, chat_key, payload, received_at)
                VALUES (:channel, :update, :chat, :payload, :now)
                ON CONFLICT (channel, update_id) DO NOTHING
                RETURNING id""",
                row -> row.getLong(1), "channel", update.channel(), "update", update.updateId(), "chat", update.chatKey(),
                "payload", update.payload(), "now", now.getEpochSecond());
    }

    /** Pending rows after {@code afterId}, oldest first, without their payloads. */
    public List<InboxEntry> pending(Handle handle, long afterId, int limit) {
        return handle.query("SELECT id, channel, update_id, chat_key FROM inbox WHERE status = 'pending'"
                        + " AND id > :after ORDER BY id LIMIT :limit",
                row -> InboxEntry.queued(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4)),
                "after", afterId, "limit", limit);
    }

    /** A chat's rows still pending up to and including {@code entry}'s, oldest first, with their payloads. */
    public List<InboxEntry> pendingUpTo(Handle handle, InboxEntry entry) {
        return handle.query(PENDING_UP_TO,
                row -> new InboxEntry(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), row.getString(5)),
                "channel", entry.channel(), "chat", entry.chatKey(), "id", entry.id());
    }

    /** The stored payload of row {@code id}. */
    public String payload(Handle handle, long id) {
        return handle.queryOne("SELECT payload FROM inbox WHERE id = :id", row -> row.getString(1), "id", id).orElseThrow();
    }

    public void markDone(Handle handle, long id) {
        handle.update("UPDATE inbox SET status = 'done', attempts = attempts + 1 WHERE id = :id", "id", id);
    }

    public void markFailed(Handle handle, long id, String error) {
        handle.update("UPDATE inbox SET status = 'failed', attempts = attempts + 1, error = :error WHERE id = :id",
                "id", id, "error", error.length() > 500 ? error.substring(0, 500) : error);
    }

    /** Counts by status, for /health and the benchmark. */
    public long count(Handle handle, String status) {
        return handle.queryLong("SELECT count(*) FROM inbox WHERE status = :status", "status", status);
    }
}
