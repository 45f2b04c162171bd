package app.liuke.tier;

import app.liuke.store.Handle;
import java.util.Arrays;

/**
 * RFM scores, 1 to 5 each, by quintile over active customers (bought at least once, not churned):
 * 5 is the most recent, most frequent, highest spending fifth. The score is the SQL
 * {@code percent_rank()} quintile, {@code min(5, 1 + floor(5 × rank))}, so ties share a score; it is
 * computed from four cut points per dimension, found in one streamed pass, and written by one
 * UPDATE. Others have no score. Recomputed by the daily sweep, since each score depends on everyone.
 * Stateless.
 */
public final class RfmScores {
    private static final String ACTIVE = "purchase_count > 0 AND stage <> 'churned'";
    private static final String[] COLUMNS = {"last_purchase_at", "purchase_count", "purchase_total_cents"};

    /** Returns how many customers' scores changed. Two passes over the customers: one read, one UPDATE. */
    public int recompute(Handle handle) {
        var values = new long[3][1024];
        int[] next = {0};
        handle.stream("SELECT last_purchase_at, purchase_count, purchase_total_cents FROM customer WHERE " + ACTIVE,
                row -> new long[]{row.getLong(1), row.getLong(2), row.getLong(3)},
                triple -> {
                    if (next[0] == values[0].length) {
                        for (int d = 0; d < 3; d++) {
                            values[d] = Arrays.copyOf(values[d], values[d].length * 2);
                        }
                    }
                    for (int d = 0; d < 3; d++) {
                        values[d][next[0]] = triple[d];
                    }
                    next[0]++;
                });
        var params = new java.util.ArrayList<Object>();
        var scores = new String[3];
        for (int d = 0; d < 3; d++) {
            long[] sorted = Arrays.copyOf(values[d], next[0]);
            values[d] = null;
            Arrays.sort(sorted);
            scores[d] = score(COLUMNS[d], cuts(sorted), d, params);
        }
        // Active customers get their scores; the others (never bought, or churned since) lose theirs.
        return handle.update("""
                UPDATE customer SET rfm_r = CASE WHEN %4$s THEN %1$s END, rfm_f = CASE WHEN %4$s THEN %2$s END,
                                    rfm_m = CASE WHEN %4$s THEN %3$s END
                WHERE CASE WHEN %4$s THEN rfm_r IS NOT %1$s OR rfm_f IS NOT %2$s OR rfm_m IS NOT %3$s
                           ELSE rfm_r IS NOT NULL OR rfm_f IS NOT NULL OR rfm_m IS NOT NULL END"""
                .formatted(scores[0], scores[1], scores[2], ACTIVE), params.toArray());
    }

    /**
     * A value's score is 1 plus the number of cut points it exceeds. Cut point s (s = 2..5) is the
     * k-th smallest value with k = ceil((s − 1)(n − 1) / 5): a value exceeds it exactly when at least
     * k values are smaller, i.e. when its percent rank reaches (s − 1) / 5.
     */
    static long[] cuts(long[] sorted) {
        int n = sorted.length;
        var cuts = new long[4];
        for (int s = 2; s <= 5; s++) {
            long k = ((long) (s - 1) * (n - 1) + 4) / 5;
            cuts[s - 2] = k == 0 ? Long.MAX_VALUE : sorted[(int) k - 1];
        }
        return cuts;
    }

    private static String score(String column, long[] cuts, int dimension, java.util.List<Object> params) {
        var sql = new StringBuilder("(1");
        for (int i = 0; i < cuts.length; i++) {
            String name = "cut" + dimension + i;
            params.add(name);
            params.add(cuts[i]);
            sql.append(" + CASE WHEN ").append(column).append(" > :").append(name).append(" THEN 1 ELSE 0 END");
        }
        return sql.append(")").toString();
    }
}
