package app.liuke.bench;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.report.Dimension;
import app.liuke.report.Period;
import app.liuke.workbench.Reminders;
import app.liuke.workbench.TeamView;
import app.liuke.workbench.TodoScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reports and the workbench at scale: the classification bench's archive (1,000,000 customers and
 * 10,000,000 purchases over two years), owned by 100 staff in 10 groups, each with a follow-up or
 * not. Each report is timed twice (the second on a warm page cache) beside a raw SQL scan of the same rows.
 * {@code -Dreport.db=FILE} keeps the generated archive in FILE, and reuses it when FILE exists.
 */
public final class ReportBench {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args.length > 0 ? args[0] : "1000000");
        int purchases = Integer.parseInt(args.length > 1 ? args[1] : "10000000");
        String kept = System.getProperty("report.db", "");
        Path db = kept.isBlank() ? Files.createTempDirectory("liuke-report-bench").resolve("liuke.db") : Path.of(kept);
        boolean reuse = Files.exists(db);
        System.out.printf("%nReport bench: %,d customers, %,d purchases, %d cores%n", customers, purchases,
                Runtime.getRuntime().availableProcessors());
        Instant now = TODAY.atTime(9, 0).atZone(SHANGHAI).toInstant();
        var config = ConfigLoader.load(Path.of("config/liuke.yaml"), Map.of("LIUKE_DB", db.toString()));
        try (var liuke = Liuke.open(config, Clock.fixed(now, SHANGHAI))) {
            long started = System.nanoTime();
            if (reuse) {
                System.out.printf("reusing %s%n%n", db);
            } else {
                ClassifyBench.generate(db, customers, purchases, now);
                inTimeOrder(db);
                staffAndFollowUps(db, now);
                liuke.classification().sweep();
                System.out.printf("generated, owned and classified in %.1f s (%s)%n%n", (System.nanoTime() - started) / 1e9, db);
            }

            var month = new Period(TODAY.withDayOfMonth(1), TODAY);
            var year = new Period(TODAY.minusDays(364), TODAY);
            long from = month.start(SHANGHAI).getEpochSecond();
            long to = month.end(SHANGHAI).getEpochSecond();
            System.out.println("| work | first | again | rows |");
            System.out.println("|---|---|---|---|");
            time("raw scan: `SELECT count(*), sum(amount_cents), count(DISTINCT customer_id) FROM purchase` over the month (baseline)",
                    () -> raw(db, "SELECT count(*), sum(amount_cents), count(DISTINCT customer_id) FROM purchase WHERE purchased_at >= "
                            + from + " AND purchased_at < " + to));
            long yearFrom = year.start(SHANGHAI).getEpochSecond();
            time("raw scan: the same over the year (baseline)", () -> raw(db,
                    "SELECT count(*), sum(amount_cents), count(DISTINCT customer_id) FROM purchase WHERE purchased_at >= "
                            + yearFrom + " AND purchased_at < " + to));
            var reports = liuke.reports();
            time("`/api/reports/summary`, this month", () -> liuke.database().read(h -> reports.summary(h, month, now)).sales().purchases());
            time("`/api/reports/sales?by=day`, this month", () -> (long) liuke.database().read(h -> reports.sales(h, month, Dimension.DAY)).size());
            time("`/api/reports/sales?by=group`, this month", () -> (long) liuke.database().read(h -> reports.sales(h, month, Dimension.GROUP)).size());
            time("`/api/reports/sales?by=product`, this month (reads each purchase's items from the table)",
                    () -> (long) liuke.database().read(h -> reports.sales(h, month, Dimension.PRODUCT)).size());
            time("`/api/reports/summary`, a year", () -> liuke.database().read(h -> reports.summary(h, year, now)).sales().purchases());
            time("`/api/reports/sales?by=month`, a year", () -> (long) liuke.database().read(h -> reports.sales(h, year, Dimension.MONTH)).size());
            time("`/api/reports/service?by=group`, a year (200,000 CSAT and 200,000 NPS answers, 100,000 reactivations)",
                    () -> (long) liuke.database().read(h -> reports.service(h, year, Dimension.GROUP)).size());
            time("`/api/reports/service?by=month`, a year", () -> (long) liuke.database().read(h -> reports.service(h, year,
                    Dimension.MONTH)).size());
            time("`/api/reports/registrations`, a year", () -> (long) liuke.database().read(h -> reports.registrations(h, year)).size());
            var trends = liuke.trends();
            time("daily tier × stage snapshot (written by the sweep)", () -> {
                liuke.database().useTransaction(h -> trends.snapshot(h, now));
                return 18L;
            });
            time("`/api/reports/campaigns`, 90 days", () -> (long) liuke.database().read(h -> trends.funnels(h,
                    new Period(TODAY.minusDays(90), TODAY))).size());
            var todos = liuke.todos();
            time("`/todo` for one staff member (10,000 customers)", () -> (long) liuke.database().read(h -> todos.list(h,
                    TodoScope.staff(1), now)).size());
            time("`/todo team` for a group manager (100,000 customers)", () -> liuke.database().read(h -> new TeamView(todos).of(h,
                    liuke.staff().byId(h, 101).orElseThrow(), now)).overdue());
            time("`/api/todo`, the whole shop", () -> (long) liuke.database().read(h -> todos.list(h, TodoScope.everyone(), now)).size());
            var reminders = new Reminders(todos, liuke.staff(), (key, vars) -> key);
            time("the morning reminders for 110 staff, worked out in a read (the write that queues them is short)",
                    () -> (long) liuke.database().read(h -> reminders.plan(h, TODAY, now)).size());
            System.out.printf("%npeak heap %d MB, peak resident memory %s%s%n", ArchiveBench.peakHeapMb(), ArchiveBench.peakResident(),
                    reuse ? "" : " (including the generator)");
        }
    }

    /**
     * The generator writes each customer's purchases together; a shop writes them as they happen. Rewritten in
     * time order, a period's rows lie together in the table, as they do in a real shop (this matters where a
     * report reads the table itself: items for by=product and the to-do list's "probably used up").
     */
    private static void inTimeOrder(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db); var sql = connection.createStatement()) {
            sql.execute("PRAGMA cache_size=-200000");
            connection.setAutoCommit(false);
            sql.executeUpdate("CREATE TEMP TABLE ordered AS SELECT customer_id, purchased_at, amount_cents, items, store, staff_id,"
                    + " external_ref, created_at FROM purchase ORDER BY purchased_at, id");
            sql.executeUpdate("DELETE FROM purchase");
            sql.executeUpdate("INSERT INTO purchase (customer_id, purchased_at, amount_cents, items, store, staff_id, external_ref, created_at)"
                    + " SELECT * FROM ordered ORDER BY rowid");
            connection.commit();
        }
    }

    /** 100 staff in 10 groups (a manager, id 101…110, heads each); customers spread over them; a third followed up in the last 90 days. */
    private static void staffAndFollowUps(Path db, Instant now) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db); var sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (int g = 1; g <= 10; g++) {
                sql.executeUpdate("INSERT INTO staff_group (id, name) VALUES (" + g + ", '组" + g + "')");
                sql.executeUpdate("INSERT INTO staff (id, name, role, staff_group_id, created_at) VALUES (" + (100 + g) + ", '店长" + g
                        + "', 'manager', " + g + ", 0)");
            }
            for (int s = 1; s <= 100; s++) {
                sql.executeUpdate("INSERT INTO staff (id, name, role, staff_group_id, created_at) VALUES (" + s + ", '店员" + s + "', 'staff', "
                        + ((s - 1) / 10 + 1) + ", 0)");
            }
            sql.executeUpdate("UPDATE staff SET telegram_user_id = 900000 + id");
            sql.executeUpdate("INSERT INTO job_run (name, last_run_day, last_run_at) VALUES ('workbench-remind', '" + TODAY + "', 0),"
                    + " ('workbench-digest', '" + TODAY + "', 0)");   // the bench times them itself
            sql.executeUpdate("UPDATE customer SET owner_staff_id = (id % 100) + 1, staff_group_id = ((id % 100) / 10) + 1");
            sql.executeUpdate("INSERT INTO follow_up (customer_id, staff_id, happened_at, method, content) SELECT id, owner_staff_id, "
                    + now.getEpochSecond() + " - (id % 90) * 86400, 'phone', '回访' FROM customer WHERE id % 3 = 0");
            for (String statement : surveysAndReactivations(now)) {
                sql.executeUpdate(statement);
            }
            connection.commit();
        }
    }

    /** Statements that add a year of survey answers (CSAT and NPS from every fifth customer) and 100,000 reactivations. */
    static List<String> surveysAndReactivations(Instant now) {
        long at = now.getEpochSecond();
        return List.of("""
                INSERT INTO survey_response (survey, occurrence, customer_id, channel, chat_id, language, status, staff_id,
                                             invited_at, updated_at, expires_at)
                SELECT 'post-purchase', 'bench', id, 'telegram', id, 'zh-CN', 'completed', owner_staff_id,
                       %d - (id %% 365) * 86400, %d, %d FROM customer WHERE id %% 5 = 0""".formatted(at, at, at), """
                INSERT INTO survey_answer (response_id, question, kind, score, answered_at)
                SELECT id, 'csat', 'csat', 1 + customer_id %% 5, invited_at FROM survey_response WHERE occurrence = 'bench'
                UNION ALL
                SELECT id, 'nps', 'nps', customer_id %% 11, invited_at FROM survey_response WHERE occurrence = 'bench'""", """
                INSERT INTO reactivation (customer_id, kind, started_at)
                SELECT id, 'dormant', %d - (id %% 365) * 86400 FROM customer WHERE id %% 10 = 1""".formatted(at));
    }

    private static long raw(Path db, String query) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db); var sql = connection.createStatement();
             var result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void time(String what, Supplier<Long> work) {
        long started = System.nanoTime();
        long rows = work.get();
        double first = (System.nanoTime() - started) / 1e6;
        started = System.nanoTime();
        work.get();
        double again = (System.nanoTime() - started) / 1e6;
        System.out.printf("| %s | %,.0f ms | %,.0f ms | %,d |%n", what, first, again, rows);
    }
}
