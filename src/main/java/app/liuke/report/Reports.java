package app.liuke.report;

import app.liuke.store.Handle;
import app.liuke.survey.Scores;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's figures over a period of shop days: sales broken down by a {@link Dimension}, new
 * registrations against each group's quota, and a one-page {@link Summary}. Read-only; runs in the
 * caller's (read) transaction. Stateless and thread-safe.
 */
public final class Reports {
    private final ZoneId zone;
    private final ReportRules rules;

    public Reports(ZoneId zone, ReportRules rules) {
        this.zone = zone;
        this.rules = rules;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Sales over {@code period} by {@code by}, one row per key that has sales, in key order. */
    public List<SalesRow> sales(Handle handle, Period period, Dimension by) {
        return scan(handle, period, SalesKeys.of(by, period, zone, handle));
    }

    /** The whole period in one row (key "total"). */
    public SalesRow total(Handle handle, Period period) {
        List<SalesRow> rows = scan(handle, period, SalesKeys.total());
        return rows.isEmpty() ? SalesRow.of("total", 0, 0, 0, 0, 0) : rows.get(0);
    }

    /** CSAT, NPS and the reactivation rate over {@code period} by {@code by}, one row per key that has any, in key order. */
    public List<ServiceRow> service(Handle handle, Period period, Dimension by) {
        return ServiceFigures.run(handle, period.start(zone).getEpochSecond(), period.end(zone).getEpochSecond(), by,
                SalesKeys.of(by, period, zone, handle));
    }

    private List<SalesRow> scan(Handle handle, Period period, SalesKeys keys) {
        return SalesScan.run(handle, period.start(zone).getEpochSecond(), period.end(zone).getEpochSecond(), keys);
    }

    /** The zone's offset at the period's start: registration months are shop months (exact for zones without summer time). */
    private long offset(Period period) {
        return zone.getRules().getOffset(period.start(zone)).getTotalSeconds();
    }

    /** New customers per month and staff group (every group, every month of the period, also those with none). */
    public List<RegistrationRow> registrations(Handle handle, Period period) {
        var counts = new LinkedHashMap<String, Long>();
        handle.stream("""
                SELECT strftime('%Y-%m', c.created_at + :off, 'unixepoch') AS month, coalesce(g.name, '') AS grp, count(*) AS n
                FROM customer c LEFT JOIN staff_group g ON g.id = c.staff_group_id
                WHERE c.created_at >= :from AND c.created_at < :to GROUP BY month, grp""",
                row -> Map.entry(row.getString(1) + "|" + row.getString(2), row.getLong(3)), entry -> counts.put(entry.getKey(), entry.getValue()),
                "off", offset(period), "from", period.start(zone).getEpochSecond(), "to", period.end(zone).getEpochSecond());
        var groups = new ArrayList<>(handle.query("SELECT name FROM staff_group ORDER BY name", row -> row.getString(1)));
        if (counts.keySet().stream().anyMatch(key -> key.endsWith("|"))) {
            groups.add("");
        }
        var rows = new ArrayList<RegistrationRow>();
        for (YearMonth month = YearMonth.from(period.from()); !month.isAfter(YearMonth.from(period.to())); month = month.plusMonths(1)) {
            for (String group : groups) {
                long registered = counts.getOrDefault(month + "|" + group, 0L);
                int quota = group.isEmpty() ? 0 : rules.quotaFor(month.getMonthValue());
                rows.add(new RegistrationRow(month.toString(), group, registered, quota, quota == 0 ? null : SalesRow.rate(registered, quota)));
            }
        }
        return rows;
    }

    /** The one-page overview: sales, registrations, follow-ups, CSAT and NPS of the period; tiers × stages now. */
    public Summary summary(Handle handle, Period period, Instant now) {
        long from = period.start(zone).getEpochSecond();
        long to = period.end(zone).getEpochSecond();
        var csat = handle.queryOne("SELECT count(score), avg(score) FROM survey_answer WHERE kind = 'csat' AND score IS NOT NULL"
                + " AND answered_at >= :from AND answered_at < :to", row -> new double[]{row.getLong(1), row.getDouble(2)},
                "from", from, "to", to).orElseThrow();
        var nps = handle.queryOne("""
                SELECT count(score), sum(score >= 9), sum(score <= 6) FROM survey_answer
                WHERE kind = 'nps' AND score IS NOT NULL AND answered_at >= :from AND answered_at < :to""",
                row -> new long[]{row.getLong(1), row.getLong(2), row.getLong(3)}, "from", from, "to", to).orElseThrow();
        var grid = new LinkedHashMap<String, Map<String, Long>>();
        for (String tier : List.of("A", "B", "C")) {
            var stages = new LinkedHashMap<String, Long>();
            for (String stage : List.of("potential", "new", "repeat", "loyal", "dormant", "churned")) {
                stages.put(stage, 0L);
            }
            grid.put(tier, stages);
        }
        handle.stream("SELECT tier, stage, count(*) FROM customer GROUP BY tier, stage",
                row -> new Object[]{row.getString(1), row.getString(2), row.getLong(3)},
                cell -> grid.get((String) cell[0]).put((String) cell[1], (Long) cell[2]));
        return new Summary(period.from(), period.to(), total(handle, period),
                handle.queryLong("SELECT count(*) FROM customer WHERE created_at >= :from AND created_at < :to", "from", from, "to", to),
                handle.queryLong("SELECT count(*) FROM follow_up WHERE happened_at >= :from AND happened_at < :to", "from", from, "to", to),
                (long) csat[0], Scores.csat((long) csat[0], csat[1]), nps[0], Scores.nps(nps[0], nps[1], nps[2]),
                handle.queryLong("SELECT count(*) FROM customer"), grid, LocalDate.ofInstant(now, zone));
    }
}
