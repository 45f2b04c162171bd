package app.liuke.report;

import app.liuke.store.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A period's sales by key in one pass: the purchases are read in time order from the covering index
 * {@code purchase_report} and summed here. SQLite's GROUP BY and count(DISTINCT) sort every row; this
 * does not, which makes a year of a million customers' purchases about three times faster
 * (docs/benchmarks.md).
 *
 * <p>A customer counts once per key. The repeat customers of a key (bought at least twice by the
 * period's end) are its customers less its first-timers: customers with one purchase in the period and
 * none before it. Only those are checked against earlier purchases, one index step each.
 *
 * <p>Used once, in the caller's read transaction. Memory: a few ints per customer on file, plus, for
 * keys that are not times (store, staff, group, product), an entry for each further key a customer
 * bought under in the period.
 */
final class SalesScan {
    private static final int NONE = -1;
    private static final int CHECK_BATCH = 50_000;
    private static final String ROWS = """
            SELECT purchased_at, customer_id, amount_cents, staff_id, store%s FROM purchase
            WHERE purchased_at >= :from AND purchased_at < :to ORDER BY purchased_at""";

    private final SalesKeys keys;
    /** Per key: purchases, sales, on file, customers, first-timers. */
    private final KeyIndex index = new KeyIndex(5);
    private int[] bought;
    private int[] lastKey;
    private int[][] firstKeys;
    /** Keys a customer was counted under, once they have more than one and the rows are not in key order. */
    private final Set<Long> counted = new HashSet<>();

    private SalesScan(SalesKeys keys, int customers) {
        this.keys = keys;
        bought = new int[customers + 1];
        lastKey = new int[customers + 1];
        Arrays.fill(lastKey, NONE);
        firstKeys = new int[customers + 1][];
    }

    static List<SalesRow> run(Handle handle, long from, long to, SalesKeys keys) {
        var scan = new SalesScan(keys, (int) handle.queryLong("SELECT coalesce(max(id), 0) FROM customer"));
        handle.stream(ROWS.formatted(keys.needsItems() ? ", items" : ""), row -> {
            scan.add(row);
            return Boolean.TRUE;
        }, ignored -> { }, "from", from, "to", to);
        scan.subtractFirstTimers(handle, from);
        return scan.rows();
    }

    private void add(ResultSet row) throws SQLException {
        int[] ks = keys.of(row, index);
        long cents = row.getLong(3);
        long customer = row.getLong(2);
        boolean onFile = !row.wasNull();
        for (int k : ks) {
            long[] s = index.figures(k);
            s[0]++;
            s[1] += cents;
            if (onFile) {
                s[2]++;
            }
        }
        if (onFile) {
            served(grow(customer), ks);
        }
    }

    private void served(int id, int[] ks) {
        if (bought[id]++ == 0) {
            firstKeys[id] = ks;
        }
        for (int k : ks) {
            if (firstTimeUnder(id, k)) {
                index.figures(k)[3]++;
            }
        }
    }

    /** Rows in key order (time keys) need only the last key; otherwise a customer's keys are remembered once there are two. */
    private boolean firstTimeUnder(int id, int k) {
        int last = lastKey[id];
        if (last == k) {
            return false;
        }
        lastKey[id] = k;
        if (last == NONE || keys.inKeyOrder()) {
            return true;
        }
        counted.add(pair(id, last));
        return counted.add(pair(id, k));
    }

    private static long pair(int id, int key) {
        return ((long) id << 32) | key;
    }

    private int grow(long customer) {
        if (customer >= bought.length) {            // not expected: the ids were read in the same transaction
            int size = (int) Math.max(customer + 1, bought.length * 2L);
            bought = Arrays.copyOf(bought, size);
            int old = lastKey.length;
            lastKey = Arrays.copyOf(lastKey, size);
            Arrays.fill(lastKey, old, size, NONE);
            firstKeys = Arrays.copyOf(firstKeys, size);
        }
        return (int) customer;
    }

    /** Customers with one purchase in the period who had not bought before are first-timers, not repeat customers. */
    private void subtractFirstTimers(Handle handle, long from) {
        int[] once = new int[CHECK_BATCH];
        int n = 0;
        for (int id = 0; id < bought.length; id++) {
            if (bought[id] == 1) {
                once[n++] = id;
                if (n == once.length) {
                    subtractFirstTimers(handle, from, once, n);
                    n = 0;
                }
            }
        }
        subtractFirstTimers(handle, from, once, n);
    }

    private void subtractFirstTimers(Handle handle, long from, int[] once, int n) {
        if (n == 0) {
            return;
        }
        var ids = new StringBuilder(n * 8).append('[');
        for (int i = 0; i < n; i++) {
            ids.append(i == 0 ? "" : ",").append(once[i]);
        }
        handle.stream("""
                SELECT value FROM json_each(:ids)
                WHERE EXISTS (SELECT 1 FROM purchase q WHERE q.customer_id = value AND q.purchased_at < :from)""",
                row -> row.getInt(1), id -> bought[id] = 2, "ids", ids.append(']').toString(), "from", from);
        for (int i = 0; i < n; i++) {
            if (bought[once[i]] == 1) {
                for (int k : firstKeys[once[i]]) {
                    index.figures(k)[4]++;
                }
            }
        }
    }

    private List<SalesRow> rows() {
        var rows = new ArrayList<SalesRow>();
        for (int k = 0; k < index.size(); k++) {
            long[] s = index.figures(k);
            if (s[0] > 0) {
                rows.add(SalesRow.of(index.name(k), s[0], s[1], s[3], s[2], s[3] - s[4]));
            }
        }
        rows.sort(Comparator.comparing(SalesRow::key));
        return rows;
    }
}
