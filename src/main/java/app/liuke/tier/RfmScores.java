package app.liuke.tier;

import app.liuke.store.Handle;

/**
 * RFM scores, 1 to 5 each, by quintile over active customers (bought at least once, not churned):
 * 5 is the most recent, most frequent, highest spending fifth. Ties share a score. Others have none.
 * Recomputed by the daily sweep, since each score depends on everyone else's. Stateless.
 */
public final class RfmScores {
    private static final String SCORE = "min(5, 1 + CAST(5 * percent_rank() OVER (ORDER BY %s) AS INTEGER))";

    /** Returns how many customers' scores changed. */
    public int recompute(Handle handle) {
        int changed = handle.update("""
                UPDATE customer SET rfm_r = s.r, rfm_f = s.f, rfm_m = s.m
                FROM (SELECT id,
                        %s AS r,
                        %s AS f,
                        %s AS m
                      FROM customer WHERE purchase_count > 0 AND stage <> 'churned') s
                WHERE s.id = customer.id
                  AND (customer.rfm_r IS NOT s.r OR customer.rfm_f IS NOT s.f OR customer.rfm_m IS NOT s.m)"""
                .formatted(SCORE.formatted("last_purchase_at"), SCORE.formatted("purchase_count"),
                        SCORE.formatted("purchase_total_cents")));
        return changed + handle.update("""
                UPDATE customer SET rfm_r = NULL, rfm_f = NULL, rfm_m = NULL
                WHERE (purchase_count = 0 OR stage = 'churned') AND rfm_r IS NOT NULL""");
    }
}
