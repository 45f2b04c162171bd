package app.liuke.simulate;

import app.liuke.Liuke;
import app.liuke.campaign.CampaignStats;
import app.liuke.store.Database;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers the year's figures: how many customers each tier had day by day (for messages per customer
 * per month), the purchases made, and at the end the outbox's skips, the campaigns' conversions and the
 * reactivations, next to the violations.
 */
final class YearFigures {
    static final List<String> TIERS = List.of("A", "B", "C");
    static final List<String> PURPOSES = List.of("care", "marketing", Send.REPLY, Send.OTHER);
    private final ZoneId zone;
    private final Instant start;
    private final Map<String, Long> customerDays = new TreeMap<>();
    private long purchases;

    YearFigures(ZoneId zone, Instant start) {
        this.zone = zone;
        this.start = start;
    }

    void census(Database database, Instant now) {
        database.read(handle -> handle.query("SELECT tier, count(*) FROM customer GROUP BY tier",
                row -> customerDays.merge(row.getString(1), row.getLong(2), Long::sum)));
    }

    void purchase() {
        purchases++;
    }

    YearReport report(Liuke liuke, Simulation.Options options, List<Send> log, Violations.Result violations, int optOuts,
                      double seconds) {
        var messages = new LinkedHashMap<String, Map<String, Long>>();
        var perMonth = new LinkedHashMap<String, Map<String, Double>>();
        var weekly = new LinkedHashMap<String, long[]>();
        int weeks = (options.days() + 6) / 7;
        for (String tier : TIERS) {
            var counts = new LinkedHashMap<String, Long>();
            PURPOSES.forEach(purpose -> counts.put(purpose, 0L));
            messages.put(tier, counts);
            weekly.put(tier, new long[weeks]);
        }
        for (Send send : log) {
            messages.get(send.tier()).merge(send.purpose(), 1L, Long::sum);
            int week = (int) Math.min(weeks - 1, (send.sentAt().getEpochSecond() - start.getEpochSecond()) / (7 * 86_400));
            weekly.get(send.tier())[week]++;
        }
        messages.forEach((tier, counts) -> {
            double months = customerDays.getOrDefault(tier, 0L) / 30.4375;
            var rates = new LinkedHashMap<String, Double>();
            counts.forEach((purpose, n) -> rates.put(purpose, months == 0 ? 0 : Math.round(100.0 * n / months) / 100.0));
            perMonth.put(tier, rates);
        });
        var weeklyLists = new LinkedHashMap<String, List<Long>>();
        weekly.forEach((tier, counts) -> weeklyLists.put(tier, java.util.Arrays.stream(counts).boxed().toList()));
        return liuke.database().read(handle -> {
            var skips = new TreeMap<String, Long>();
            long[] unexplained = {0};
            handle.query("""
                    SELECT reason, count(*) FROM outbox WHERE status = 'skipped' AND created_at >= :start GROUP BY reason""", row -> {
                String reason = row.getString(1);
                if (reason == null || reason.isBlank()) {
                    unexplained[0] += row.getLong(2);
                } else {
                    skips.merge(reason.replaceFirst(":.*", ""), row.getLong(2), Long::sum);
                }
                return null;
            }, "start", start.getEpochSecond());
            long answers = handle.queryLong("SELECT count(*) FROM survey_answer WHERE answered_at >= :start", "start", start.getEpochSecond());
            var campaigns = new ArrayList<YearReport.CampaignLine>();
            YearReport.Reactivation reactivation = null;
            for (CampaignStats.Figures f : liuke.campaigns().figures()) {
                long skipped = f.skipped().values().stream().mapToLong(Long::longValue).sum();
                campaigns.add(new YearReport.CampaignLine(f.name(), f.purpose(), f.delivered(), skipped, f.purchased(), f.redeemed(),
                        f.conversionDays()));
                if (f.name().equals("reactivation")) {
                    long reached = handle.queryLong("""
                            SELECT count(DISTINCT customer_id) FROM outbox WHERE campaign = 'reactivation' AND status = 'sent'
                              AND occurrence LIKE 'start-%'""");
                    long back = handle.queryLong("""
                            SELECT count(DISTINCT o.customer_id) FROM outbox o WHERE o.campaign = 'reactivation' AND o.status = 'sent'
                              AND o.occurrence LIKE 'start-%' AND EXISTS (SELECT 1 FROM purchase p WHERE p.customer_id = o.customer_id
                              AND p.purchased_at >= o.sent_at)""");
                    reactivation = new YearReport.Reactivation(reached, back, f.reactivationRate());
                }
            }
            var first = start.atZone(zone).toLocalDate();
            return new YearReport(options.customers(), options.days(), options.seed(), first.toString(),
                    first.plusDays(options.days()).toString(), Math.round(seconds * 10) / 10.0, log.size(), messages, perMonth, skips,
                    unexplained[0], campaigns, reactivation, purchases, optOuts, answers, violations.counts(), violations.total(),
                    violations.examples(), weeklyLists);
        });
    }
}
