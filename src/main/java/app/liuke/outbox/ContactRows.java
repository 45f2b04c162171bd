package app.liuke.outbox;

import app.liuke.channel.Outbound;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A planning page's campaign rows, written together at the end of the page's transaction: the
 * messages to send ({@link #queue}) and the contacts the gate refused ({@link #skip}). They go out
 * as multi-row INSERTs of up to {@value #CHUNK} rows (on PostgreSQL as one INSERT of arrays), not one
 * statement per row: on PostgreSQL each statement was a round trip, most of planning's time (issue
 * #18). A key written before is left
 * as it was, as with a single INSERT. Nothing in a page reads the rows it writes, so writing them
 * at the end of it changes nothing but the number of statements. Not thread-safe: one per page.
 */
public final class ContactRows {
    static final int CHUNK = 64;
    private static final String COLUMNS = "channel, chat_id, idempotency_key, kind, payload, customer_id, status, not_before,"
            + " created_at, sent_at, purpose, campaign, occurrence, priority, slot_day, expires_at, reason";
    private static final String[] NAMES = COLUMNS.replace(" ", "").split(",");
    private static final Set<String> NUMBERS = Set.of("customer_id", "not_before", "created_at", "sent_at", "priority",
            "slot_day", "expires_at");

    private static final java.util.Map<Integer, String> SQL = new java.util.concurrent.ConcurrentHashMap<>();

    private final List<Object[]> rows = new ArrayList<>();

    /**
     * A campaign message: the first row carries the contact (it counts for caps and the day's slot);
     * further messages follow under {@code key#2} …. Whether it was new: {@link #write}'s keys.
     */
    public void queue(List<Outbound> messages, String key, long customerId, Outbox.Contact contact, Instant now) {
        for (int i = 0; i < messages.size(); i++) {
            Outbound message = messages.get(i);
            rows.add(new Object[] {message.chat().channel(), message.chat().chatId(), i == 0 ? key : key + "#" + (i + 1),
                    OutboundCodec.kind(message), OutboundCodec.encode(message), customerId, "pending",
                    contact.notBefore().getEpochSecond(), now.getEpochSecond(), null, contact.purpose(), contact.campaign(),
                    contact.occurrence(), contact.priority(), i == 0 ? contact.slotDay() : null,
                    contact.expiresAt().getEpochSecond(), contact.reason()});
        }
    }

    /** A contact the gate refused: a final 'skipped' row with the reason, nothing to send. */
    public void skip(String key, long customerId, Outbox.Contact contact, Instant now) {
        long at = now.getEpochSecond();
        rows.add(new Object[] {"-", "-", key, "text", "{}", customerId, "skipped", at, at, at, contact.purpose(),
                contact.campaign(), contact.occurrence(), contact.priority(), null, null, contact.reason()});
    }

    /** Writes the rows (in the order given, so a contact's messages keep theirs); the keys that were new. */
    public Set<String> write(Handle handle) {
        if (handle.dialect() == app.liuke.store.Dialect.POSTGRES) {
            return writeAsArrays(handle);
        }
        var written = new HashSet<String>();
        int from = 0;
        while (from < rows.size()) {
            int size = rows.size() - from >= CHUNK ? CHUNK : rows.size() - from >= 8 ? 8 : 1;
            var params = new Object[size * NAMES.length * 2];
            for (int r = 0, p = 0; r < size; r++) {
                Object[] row = rows.get(from + r);
                for (int c = 0; c < NAMES.length; c++) {
                    params[p++] = NAMES[c] + r;
                    params[p++] = row[c];
                }
            }
            written.addAll(handle.query(sql(size), result -> result.getString(1), params));
            from += size;
        }
        rows.clear();
        return written;
    }

    /**
     * On PostgreSQL all of a page's rows in one statement: a column each as one array parameter,
     * unnested in order. Not a thousand parameters per statement to bind and one round trip per 64
     * rows (issue #18).
     */
    private Set<String> writeAsArrays(Handle handle) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        var params = new Object[NAMES.length * 2];
        var select = new StringBuilder();
        for (int c = 0; c < NAMES.length; c++) {
            var column = new Object[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                column[r] = rows.get(r)[c];
            }
            String type = NUMBERS.contains(NAMES[c]) ? "bigint" : "text";
            params[2 * c] = NAMES[c];
            params[2 * c + 1] = handle.array(type, column);
            select.append(c == 0 ? "" : ", ").append("CAST(:").append(NAMES[c]).append(" AS ").append(type).append("[])");
        }
        rows.clear();
        return new HashSet<>(handle.query("INSERT INTO outbox (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM unnest(" + select + ") WITH ORDINALITY AS page (" + COLUMNS + ", n) ORDER BY n"
                + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key", result -> result.getString(1), params));
    }

    /** The INSERT for {@code size} rows (1, 8 or {@value #CHUNK}: three statements for the cache to keep). */
    private static String sql(int size) {
        return SQL.computeIfAbsent(size, n -> {
            var values = new StringBuilder();
            for (int r = 0; r < n; r++) {
                values.append(r == 0 ? "(" : ", (");
                for (int c = 0; c < NAMES.length; c++) {
                    values.append(c == 0 ? ":" : ", :").append(NAMES[c]).append(r);
                }
                values.append(')');
            }
            return "INSERT INTO outbox (" + COLUMNS + ") VALUES " + values
                    + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key";
        });
    }
}
