package app.liuke.report;

import app.liuke.store.Handle;
import app.liuke.survey.Scores;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures over time: tiers and stages per day (from the daily snapshot the sweep writes, so a chart
 * of a year reads 365 × 18 rows, not the archive), CSAT and NPS per month, each campaign's funnel, and
 * the reactivation rate. Read-only except {@link #snapshot}; stateless and thread-safe.
 */
public final class Trends {
    private static final List<String> STAGES = List.of("potential", "new", "repeat", "loyal", "dormant", "churned");
    private final ZoneId zone;
    private final Map<String, Integer> conversionDays;

    /** {@code conversionDays}: per campaign, how long after its message a purchase still counts for it. */
    public Trends(ZoneId zone, Map<String, Integer> conversionDays) {
        this.zone = zone;
        this.conversionDays = Map.copyOf(conversionDays);
    }

    /** Records today's tier × stage counts (replacing any taken earlier today). */
    public void snapshot(Handle handle, Instant now) {
        String day = LocalDate.ofInstant(now, zone).toString();
        handle.update("DELETE FROM classification_snapshot WHERE day = :day", "day", day);
        handle.update("""
                INSERT INTO classification_snapshot (day, tier, stage, customers)
                SELECT :day, tier, stage, count(*) FROM customer GROUP BY tier, stage""", "day", day);
    }

    /** One snapshot day: customers per tier and per stage. */
    public record Distribution(LocalDate day, Map<String, Long> tiers, Map<String, Long> stages) {
    }

    public List<Distribution> distribution(Handle handle, Period period) {
        var days = new LinkedHashMap<String, Distribution>();
        handle.query("""
                SELECT day, tier, stage, customers FROM classification_snapshot WHERE day >= :from AND day <= :to ORDER BY day""",
                row -> {
                    Distribution day = days.computeIfAbsent(row.getString(1), d -> new Distribution(LocalDate.parse(d),
                            zeros(List.of("A", "B", "C")), zeros(STAGES)));
                    day.tiers().merge(row.getString(2), row.getLong(4), Long::sum);
                    day.stages().merge(row.getString(3), row.getLong(4), Long::sum);
                    return null;
                }, "from", period.from().toString(), "to", period.to().toString());
        return List.copyOf(days.values());
    }

    private static Map<String, Long> zeros(List<String> keys) {
        var map = new LinkedHashMap<String, Long>();
        keys.forEach(key -> map.put(key, 0L));
        return map;
    }

    /** CSAT (average 1–5) and NPS of one month's answers; null where nobody answered. */
    public record Satisfaction(String month, long csatAnswers, Double csat, long npsAnswers, Integer nps) {
    }

    public List<Satisfaction> satisfaction(Handle handle, Period period) {
        var months = new ArrayList<Satisfaction>();
        handle.query("""
                SELECT strftime('%Y-%m', answered_at + :offset, 'unixepoch') AS month,
                       sum(kind = 'csat'), avg(CASE WHEN kind = 'csat' THEN score END),
                       sum(kind = 'nps'), sum(kind = 'nps' AND score >= 9), sum(kind = 'nps' AND score <= 6)
                FROM survey_answer WHERE kind IN ('csat', 'nps') AND score IS NOT NULL AND answered_at >= :from AND answered_at < :to
                GROUP BY month ORDER BY month""", row -> {
                    long csat = row.getLong(2);
                    long nps = row.getLong(4);
                    months.add(new Satisfaction(row.getString(1), csat, Scores.csat(csat, row.getDouble(3)),
                            nps, Scores.nps(nps, row.getLong(5), row.getLong(6))));
                    return null;
                }, "offset", zone.getRules().getOffset(period.start(zone)).getTotalSeconds(), "from", period.start(zone).getEpochSecond(),
                "to", period.end(zone).getEpochSecond());
        return months;
    }

    /**
     * One campaign's funnel over messages queued in the period: queued, skipped by the contact rules,
     * delivered, then customers who redeemed an offer or bought within its conversion window.
     */
    public record Funnel(String campaign, long queued, long skipped, long delivered, long redeemed, long purchased,
                         int conversionDays) {
    }

    public List<Funnel> funnels(Handle handle, Period period) {
        long from = period.start(zone).getEpochSecond();
        long to = period.end(zone).getEpochSecond();
        var funnels = new ArrayList<Funnel>();
        handle.query("""
                SELECT campaign, count(*), sum(status = 'skipped'), sum(status = 'sent') FROM outbox
                WHERE campaign IS NOT NULL AND instr(idempotency_key, '#') = 0 AND created_at >= :from AND created_at < :to
                GROUP BY campaign ORDER BY 2 DESC""", row -> {
                    funnels.add(new Funnel(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4), 0, 0, 0));
                    return null;
                }, "from", from, "to", to);
        var result = new ArrayList<Funnel>();
        for (Funnel funnel : funnels) {
            int days = conversionDays.getOrDefault(funnel.campaign(), 30);
            Object[] params = {"campaign", funnel.campaign(), "from", from, "to", to, "window", days * 86_400L};
            long redeemed = handle.queryLong(converted("offer_redemption", "redeemed_at"), params);
            long purchased = handle.queryLong(converted("purchase", "purchased_at"), params);
            result.add(new Funnel(funnel.campaign(), funnel.queued(), funnel.skipped(), funnel.delivered(), redeemed, purchased, days));
        }
        return result;
    }

    private static String converted(String table, String column) {
        return """
                SELECT count(DISTINCT o.customer_id) FROM outbox o WHERE o.campaign = :campaign AND o.status = 'sent'
                  AND instr(o.idempotency_key, '#') = 0 AND o.created_at >= :from AND o.created_at < :to
                  AND EXISTS (SELECT 1 FROM %s x WHERE x.customer_id = o.customer_id AND x.%s >= o.sent_at
                              AND x.%s < o.sent_at + :window)""".formatted(table, column, column);
    }

    /** Reactivation sequences started in the period, and how many of those customers have bought since. */
    public record Reactivation(long started, long cameBack, Double rate) {
    }

    public Reactivation reactivation(Handle handle, Period period) {
        long from = period.start(zone).getEpochSecond();
        long to = period.end(zone).getEpochSecond();
        long started = handle.queryLong("SELECT count(*) FROM reactivation WHERE started_at >= :from AND started_at < :to",
                "from", from, "to", to);
        long back = handle.queryLong("""
                SELECT count(*) FROM reactivation r WHERE r.started_at >= :from AND r.started_at < :to
                  AND EXISTS (SELECT 1 FROM purchase p WHERE p.customer_id = r.customer_id AND p.purchased_at >= r.started_at)""",
                "from", from, "to", to);
        return new Reactivation(started, back, Scores.cameBack(started, back));
    }
}
