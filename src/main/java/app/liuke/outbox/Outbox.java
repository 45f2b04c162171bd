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
    /** WeChat's 客服消息 carries at most 2,048 bytes: 600 Chinese characters (3 bytes each) stay under it. */
    public static final int MAX_WECHAT_TEXT = 600;

    /** WeCom's app and robot texts carry at most 2,048 bytes (UTF-8). */
    public static final int MAX_WECOM_BYTES = 2048;

    /** The longest text one message may carry on {@code channel}; longer ones are split before they are queued. */
    public static int maxText(String channel) {
        return channel.equals("wechat") ? MAX_WECHAT_TEXT : MAX_TEXT;
    }

    private static List<String> split(String channel, String text) {
        if (channel.startsWith("wecom")) {
            return TextSplitter.splitBytes(text, MAX_WECOM_BYTES - 64);  // room for the numbered options WeCom's app adds
        }
        return text.length() > maxText(channel) ? TextSplitter.split(text, maxText(channel)) : List.of(text);
    }

    /**
     * Queues {@code message} under {@code key}; a text over {@link #MAX_TEXT} characters becomes
     * several rows ({@code key#1}, {@code key#2} …) with the buttons under the last one.
     */
    public void enqueue(Handle handle, Outbound message, String key, Long customerId, Instant now) {
        List<String> parts = message instanceof Outbound.SendText text ? split(text.chat().channel(), text.text()) : List.of();
        if (parts.size() > 1) {
            var text = (Outbound.SendText) message;
            for (int i = 0; i < parts.size(); i++) {
                var buttons = i == parts.size() - 1 ? text.buttons() : List.<List<app.liuke.channel.Button>>of();
                insert(handle, new Outbound.SendText(text.chat(), parts.get(i), buttons, text.template(), text.link()),
                        key + "#" + (i + 1), customerId, now);
            }
            return;
        }
        insert(handle, message, key, customerId, now);
    }

    /**
     * Queues a message the customer did not ask for outside any campaign (a survey's reminder): it passes
     * the gate as care (quiet hours, opt-out), takes no campaign slot, and is dropped as stale after {@code until}.
     */
    public void enqueueCare(Handle handle, Outbound message, String key, long customerId, Instant now, Instant until) {
        handle.update("""
                INSERT INTO outbox (channel, chat_id, idempotency_key, kind, payload, customer_id, not_before, created_at, purpose,
                                    expires_at)
                VALUES (:channel, :chat, :key, :kind, :payload, :customer, :now, :now, 'care', :until)
                ON CONFLICT (idempotency_key) DO NOTHING""",
                "channel", message.chat().channel(), "chat", message.chat().chatId(), "key", key,
                "kind", OutboundCodec.kind(message), "payload", OutboundCodec.encode(message), "customer", customerId,
                "now", now.getEpochSecond(), "until", until.getEpochSecond());
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

    /** What a campaign row records besides its message: see {@link ContactRows}. */
    public record Contact(String campaign, String occurrence, String purpose, int priority, long slotDay, Instant notBefore,
                          Instant expiresAt, String reason) {
    }

    /**
     * Cancels the customer's still-pending, unleased campaign rows of {@code slotDay} below {@code priority}.
     * Such a row was planned on that day or the evening before ({@code slotFrom}: the start of the day before).
     */
    public int outrank(Handle handle, long customerId, long slotDay, long slotFrom, int priority, String by, Instant now) {
        return handle.update("""
                UPDATE outbox SET status = 'skipped', reason = :reason, sent_at = :now
                WHERE customer_id = :customer AND campaign IS NOT NULL AND status IN ('pending', 'sent') AND created_at >= :from
                  AND slot_day = :day AND status = 'pending' AND priority < :priority AND (lease_until IS NULL OR lease_until < :now)""",
                "reason", "outranked:" + by, "now", now.getEpochSecond(), "customer", customerId, "from", slotFrom, "day", slotDay,
                "priority", priority);
    }

    /**
     * Leases up to {@code limit} of the oldest due rows of a channel to {@code owner} until {@code until}
     * (on PostgreSQL {@code FOR UPDATE SKIP LOCKED}: two dispatchers never take the same row),
     * skipping rows another live dispatcher holds and rows behind a reply that still waits in the same
     * chat (so replies keep their order; a campaign row deferred to the morning holds nothing back).
     */
    public List<OutboxRow> lease(Handle handle, String channel, String owner, int limit, Instant now, Instant until) {
        List<OutboxRow> rows = handle.query("""
                SELECT * FROM outbox o WHERE status = 'pending' AND channel = :channel AND not_before <= :now
                  AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :owner)
                  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = o.channel AND e.chat_id = o.chat_id
                                  AND e.status = 'pending' AND e.id < o.id AND e.purpose = 'reply' AND e.not_before > :now)
                ORDER BY id LIMIT :limit""" + (handle.dialect() == app.liuke.store.Dialect.POSTGRES ? " FOR UPDATE OF o SKIP LOCKED" : ""),
                Outbox::map, "channel", channel, "now", now.getEpochSecond(), "owner", owner,
                "limit", limit);
        if (!rows.isEmpty()) {      // one statement for the batch: on PostgreSQL one round trip, not one per row
            handle.update("UPDATE outbox SET lease_owner = :owner, lease_until = :until WHERE id IN (SELECT value FROM json_each(:ids))",
                    "owner", owner, "until", until.getEpochSecond(), "ids", rows.stream().map(OutboxRow::id).toList().toString());
        }
        return rows;
    }

    /** Whether {@link #lease} would find a row of {@code channel} due now (one read; it may find none if another took it). */
    public boolean anyDue(Handle handle, String channel, String owner, Instant now) {
        return handle.queryOne("""
                SELECT 1 FROM outbox WHERE status = 'pending' AND channel = :channel AND not_before <= :now
                  AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :owner) LIMIT 1""", row -> true,
                "channel", channel, "now", now.getEpochSecond(), "owner", owner).isPresent();
    }

    /** Gives up {@code owner}'s leases (on a clean stop), so another dispatcher need not wait for them to lapse. */
    public void release(Handle handle, String owner) {
        handle.update("UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = :owner AND status = 'pending'",
                "owner", owner);
    }

    /**
     * The gate's last look at a pending row before it leaves: a skip ends the row, a deferral moves it
     * (both with their reason); true when it may go now.
     */
    public boolean cleared(Handle handle, SendGate gate, OutboxRow row, Instant now) {
        return !cleared(handle, gate, List.of(row), now).isEmpty();
    }

    /** {@link #cleared} for a leased batch, the gate asked once for all of it; the rows that may go now, in order. */
    public List<OutboxRow> cleared(Handle handle, SendGate gate, List<OutboxRow> rows, Instant now) {
        var verdicts = gate.checkAll(handle, rows, now);
        var passed = new java.util.ArrayList<OutboxRow>();
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            if (verdicts.get(i) instanceof SendGate.Skip skip) {
                markSkipped(handle, row.id(), skip.reason(), now);
            } else if (verdicts.get(i) instanceof SendGate.Defer defer) {
                defer(handle, row.id(), defer.until(), defer.reason());
            } else {
                passed.add(row);
            }
        }
        return passed;
    }

    /** Ends a pending row as skipped (the gate said no at sending time). */
    public void markSkipped(Handle handle, long id, String reason, Instant now) {
        handle.update("UPDATE outbox SET status = 'skipped', reason = :reason, sent_at = :now, lease_owner = NULL WHERE id = :id",
                "reason", reason, "now", now.getEpochSecond(), "id", id);
    }

    /** Moves a row to {@code when} without counting an attempt (quiet hours, a rate limit); {@code reason} is recorded. */
    public void defer(Handle handle, long id, Instant when, String reason) {
        handle.update("UPDATE outbox SET not_before = :when, reason = :reason, lease_owner = NULL, lease_until = NULL WHERE id = :id",
                "when", when.getEpochSecond(), "reason", reason, "id", id);
    }

    /** Rows for one chat after {@code afterId}, oldest first (the web chat reads its messages this way). */
    public List<OutboxRow> forChat(Handle handle, String channel, String chatId, long afterId, int limit) {
        return forChat(handle, channel, chatId, afterId, limit, Instant.ofEpochSecond(Long.MAX_VALUE / 2));
    }

    /**
     * Rows for one chat that are due by {@code now}: those after {@code afterId}, and any older row that
     * was deferred (quiet hours) and has come due since; never skipped rows.
     */
    public List<OutboxRow> forChat(Handle handle, String channel, String chatId, long afterId, int limit, Instant now) {
        return handle.query("""
                SELECT * FROM outbox WHERE channel = :channel AND chat_id = :chat AND status <> 'skipped'
                  AND (id > :after OR status = 'pending') AND (status <> 'pending' OR not_before <= :now)
                ORDER BY id LIMIT :limit""", Outbox::map, "channel", channel, "chat", chatId, "after", afterId, "limit", limit,
                "now", now.getEpochSecond());
    }

    /**
     * The buttons under the latest text we sent or queued to a chat, in reading order (empty when it had
     * none): a WeChat follower who answers "2" to a menu they could not tap means its second button.
     */
    public List<app.liuke.channel.Button> lastButtons(Handle handle, String channel, String chatId) {
        return handle.queryOne("""
                SELECT kind, payload FROM outbox WHERE channel = :channel AND chat_id = :chat AND status IN ('pending', 'sent')
                  AND kind IN ('text', 'edit') ORDER BY id DESC LIMIT 1""",
                row -> OutboundCodec.buttonsOf(row.getString(1), row.getString(2)), "channel", channel, "chat", chatId)
                .map(rows -> rows.stream().flatMap(List::stream).toList()).orElse(List.of());
    }

    public void markSent(Handle handle, long id, String externalId, Instant now) {
        handle.update("UPDATE outbox SET status = 'sent', sent_at = :now, external_id = :external, attempts = attempts + 1,"
                + " lease_owner = NULL"
                + " WHERE id = :id", "now", now.getEpochSecond(), "external", externalId, "id", id);
    }

    public void markFailed(Handle handle, long id, String error, Instant now) {
        handle.update("UPDATE outbox SET status = 'failed', sent_at = :now, error = :error, attempts = attempts + 1,"
                + " lease_owner = NULL"
                + " WHERE id = :id", "now", now.getEpochSecond(), "error", error, "id", id);
    }

    public void retryLater(Handle handle, long id, Duration wait, String error, Instant now) {
        handle.update("UPDATE outbox SET not_before = :when, error = :error, attempts = attempts + 1,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = :id",
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
                row.getInt("attempts"), row.getLong("not_before"), row.getString("status"),
                app.liuke.store.RowMapper.longOrNull(row, "customer_id"), row.getString("purpose"),
                app.liuke.store.RowMapper.longOrNull(row, "expires_at"));
    }
}
