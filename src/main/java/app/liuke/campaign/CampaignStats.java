package app.liuke.campaign;

import app.liuke.store.Handle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Conversion per campaign, from the outbox: queued, delivered, pending (a WeCom mass-send task counts as
 * pending until WeCom reports it sent), failed, skipped by reason,
 * and how many customers redeemed an offer or bought within {@code conversionDays} after their
 * message was delivered. For reactivation, the reactivation rate: of the dormant customers who got
 * the message, the share who bought again. Stateless.
 */
public final class CampaignStats {
    /** Figures for one campaign. */
    public record Figures(String name, boolean enabled, String schedule, String purpose, int priority, long queued, long delivered,
                   long pending, long failed, Map<String, Long> skipped, long redeemed, long purchased, int conversionDays,
                   Double reactivationRate, Long lastRunAt) {
    }

    Figures of(Handle handle, CampaignSettings settings) {
        var counts = new LinkedHashMap<String, Long>();
        var skipped = new LinkedHashMap<String, Long>();
        handle.query("""
                SELECT CASE WHEN status = 'sent' AND channel = 'wecom' AND confirmed_at IS NULL THEN 'pending' ELSE status END AS status,
                       CASE WHEN status = 'skipped' THEN reason END AS why, count(*) AS n FROM outbox
                WHERE campaign = :campaign AND instr(idempotency_key, '#') = 0 GROUP BY 1, 2""", row -> {
            if (row.getString("status").equals("skipped")) {
                String reason = row.getString("why") == null ? "unknown" : row.getString("why").replaceFirst(":.*", "");
                skipped.merge(reason, row.getLong("n"), Long::sum);
            } else {
                counts.merge(row.getString("status"), row.getLong("n"), Long::sum);
            }
            return null;
        }, "campaign", settings.name());
        long window = settings.conversionDays() * 86_400L;
        long redeemed = handle.queryLong("""
                SELECT count(DISTINCT o.customer_id) FROM outbox o WHERE o.campaign = :campaign AND o.status = 'sent'
                  AND instr(o.idempotency_key, '#') = 0 AND EXISTS (SELECT 1 FROM offer_redemption r WHERE r.customer_id = o.customer_id
                  AND r.redeemed_at >= o.sent_at AND r.redeemed_at < o.sent_at + :window)""",
                "campaign", settings.name(), "window", window);
        long purchased = handle.queryLong("""
                SELECT count(DISTINCT o.customer_id) FROM outbox o WHERE o.campaign = :campaign AND o.status = 'sent'
                  AND instr(o.idempotency_key, '#') = 0 AND EXISTS (SELECT 1 FROM purchase p WHERE p.customer_id = o.customer_id
                  AND p.purchased_at >= o.sent_at AND p.purchased_at < o.sent_at + :window)""",
                "campaign", settings.name(), "window", window);
        long delivered = counts.getOrDefault("sent", 0L);
        Double rate = null;
        if (settings.name().equals("reactivation")) {
            long reached = handle.queryLong("""
                    SELECT count(DISTINCT customer_id) FROM outbox WHERE campaign = 'reactivation' AND status = 'sent'
                      AND instr(idempotency_key, '#') = 0 AND occurrence LIKE 'start-%'""");
            long back = handle.queryLong("""
                    SELECT count(DISTINCT o.customer_id) FROM outbox o WHERE o.campaign = 'reactivation' AND o.status = 'sent'
                      AND instr(o.idempotency_key, '#') = 0 AND o.occurrence LIKE 'start-%'
                      AND EXISTS (SELECT 1 FROM purchase p WHERE p.customer_id = o.customer_id AND p.purchased_at >= o.sent_at)""");
            rate = reached == 0 ? null : Math.round(1000.0 * back / reached) / 1000.0;
        }
        long queued = counts.values().stream().mapToLong(Long::longValue).sum();
        Long lastRun = handle.queryOne("SELECT max(started_at) FROM campaign_run WHERE campaign = :campaign",
                row -> app.liuke.store.RowMapper.longOrNull(row, 1), "campaign", settings.name()).orElse(null);
        return new Figures(settings.name(), settings.enabled(), settings.schedule(), settings.purpose().key(), settings.priority(),
                queued, delivered, counts.getOrDefault("pending", 0L), counts.getOrDefault("failed", 0L), skipped, redeemed, purchased,
                settings.conversionDays(), rate, lastRun);
    }
}
