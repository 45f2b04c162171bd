package app.liuke.report;

import app.liuke.store.Handle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shop's figures over a period of shop days: sales broken down by a {@link Dimension}, new
 * registrations against each group's quota, and a one-page {@link Summary}. Read-only; runs in the
 * caller's (read) transaction. Stateless and thread-safe.
 */
public final class Reports {
    /** Customers served who have bought at least twice by the end of the period (LIMIT 2: at most two index steps each). */
    private static final String REPEATER = """
            (SELECT count(*) FROM (SELECT 1 FROM purchase q WHERE q.customer_id = p.customer_id AND q.purchased_at < :to LIMIT 2)) >= 2""";
    private static final String FIGURES = """
            SELECT %s AS k, count(*) AS purchases, coalesce(sum(p.amount_cents), 0) AS sales,
                   count(DISTINCT p.customer_id) AS customers, sum(p.customer_id IS NOT NULL) AS on_file,
                   count(DISTINCT CASE WHEN %s THEN p.customer_id END) AS repeaters
            FROM purchase p
            LEFT JOIN staff s ON s.id = p.staff_id
            LEFT JOIN customer c ON c.id = p.customer_id
            LEFT JOIN staff_group g ON g.id = coalesce(s.staff_group_id, c.staff_group_id)
            WHERE p.purchased_at >= :from AND p.purchased_at < :to
            GROUP BY k ORDER BY k""";
    private final ZoneId zone;
    private final ReportRules rules;

    public Reports(ZoneId zone, ReportRules rules) {
        this.zone = zone;
        this.rules = rules;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Sales over {@code period} by {@code by}, one row per key, in key order. */
    public List<SalesRow> sales(Handle handle, Period period, Dimension by) {
        if (by == Dimension.PRODUCT) {
            return byProduct(handle, period);
        }
        return figures(handle, period, key(by));
    }

    /** The whole period in one row (key "total"). */
    public SalesRow total(Handle handle, Period period) {
        List<SalesRow> rows = figures(handle, period, "'total'");
        return rows.isEmpty() ? SalesRow.of("total", 0, 0, 0, 0, 0) : rows.get(0);
    }

    private List<SalesRow> figures(Handle handle, Period period, String key) {
        return handle.query(FIGURES.formatted(key, REPEATER), row -> SalesRow.of(row.getString("k"), row.getLong("purchases"),
                        row.getLong("sales"), row.getLong("customers"), row.getLong("on_file"), row.getLong("repeaters")),
                "from", period.start(zone).getEpochSecond(), "to", period.end(zone).getEpochSecond(), "off", offset(period));
    }

    private static String key(Dimension by) {
        String local = "p.purchased_at + :off, 'unixepoch'";
        return switch (by) {
            case DAY -> "strftime('%Y-%m-%d', " + local + ")";
            case MONTH -> "strftime('%Y-%m', " + local + ")";
            case YEAR -> "strftime('%Y', " + local + ")";
            case STORE -> "coalesce(p.store, '')";
            case STAFF -> "coalesce(s.name, '')";
            case GROUP -> "coalesce(g.name, '')";
            case PRODUCT -> throw new IllegalArgumentException("products are split in Java");
        };
    }

    /** The zone's offset at the period's start: day buckets are shop days (exact for zones without summer time). */
    private long offset(Period period) {
        return zone.getRules().getOffset(period.start(zone)).getTotalSeconds();
    }

    private record Sale(String items, long cents, Long customer, boolean repeater) {
    }

    /** Each purchase counts once for every item it lists, with its whole amount; a purchase without items is "". */
    private List<SalesRow> byProduct(Handle handle, Period period) {
        var totals = new TreeMap<String, long[]>();
        var customers = new TreeMap<String, java.util.Set<Long>>();
        var repeaters = new TreeMap<String, java.util.Set<Long>>();
        handle.stream("SELECT p.items, p.amount_cents, p.customer_id, " + REPEATER + " AS repeater FROM purchase p"
                        + " WHERE p.purchased_at >= :from AND p.purchased_at < :to",
                row -> new Sale(row.getString(1), row.getLong(2), app.liuke.store.RowMapper.longOrNull(row, 3), row.getInt(4) == 1),
                sale -> {
                    var items = sale.items() == null ? List.of("") : List.of(sale.items().split("\n")).stream().map(String::strip)
                            .distinct().toList();
                    for (String item : items) {
                        long[] sums = totals.computeIfAbsent(item, k -> new long[3]);
                        sums[0]++;
                        sums[1] += sale.cents();
                        if (sale.customer() != null) {
                            sums[2]++;
                            customers.computeIfAbsent(item, k -> new java.util.HashSet<>()).add(sale.customer());
                            if (sale.repeater()) {
                                repeaters.computeIfAbsent(item, k -> new java.util.HashSet<>()).add(sale.customer());
                            }
                        }
                    }
                }, "from", period.start(zone).getEpochSecond(), "to", period.end(zone).getEpochSecond());
        var rows = new ArrayList<SalesRow>();
        totals.forEach((item, sums) -> {
            rows.add(SalesRow.of(item, sums[0], sums[1], customers.getOrDefault(item, java.util.Set.of()).size(), sums[2],
                    repeaters.getOrDefault(item, java.util.Set.of()).size()));
        });
        return rows;
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
                (long) csat[0], csat[0] == 0 ? null : Math.round(csat[1] * 100) / 100.0,
                nps[0], nps[0] == 0 ? null : (int) Math.round(100.0 * (nps[1] - nps[2]) / nps[0]),
                handle.queryLong("SELECT count(*) FROM customer"), grid, LocalDate.ofInstant(now, zone));
    }
}
