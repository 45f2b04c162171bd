package app.liuke.bench;

import app.liuke.config.ConfigLoader;
import app.liuke.simulate.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

/**
 * {@code -Dbench.only=simulate}: a year of the shipped shop with {@code bench.simCustomers} customers
 * (10,000; goal under 2 minutes on 2 cores), beside two baselines in the same run: the same year with
 * 100 customers (what moving the clock an hour at a time costs by itself), and a raw SQLite loop that
 * writes as many messages and commits each one as sent on its own (the floor the dispatcher's one
 * commit per delivered message sets).
 */
public final class SimulateBench {
    private SimulateBench() {
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.getInteger("simulate.customers", 10_000);
        var config = ConfigLoader.load(Path.of("config/liuke.yaml"), Map.of());
        // As `liuke simulate` runs it: the service's routine log lines (a sweep, a campaign run) are left out.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("app.liuke")).setLevel(ch.qos.logback.classic.Level.WARN);
        var year = Simulation.run(new Simulation.Options(customers, 365, 1, config), Simulation.Progress.NONE);
        var report = year.report();
        System.out.printf("simulate %,d customers x 365 days: %.1f s; %,d messages (%,.0f/s of run), %,d purchases, %d violations%n",
                customers, report.seconds(), report.messages(), report.messages() / report.seconds(), report.purchases(),
                report.violationsTotal());
        var small = Simulation.run(new Simulation.Options(100, 365, 1, config), Simulation.Progress.NONE).report();
        System.out.printf("baseline: 100 customers x 365 days (the clock's hourly steps alone): %.1f s%n", small.seconds());
        System.out.printf("baseline: raw SQLite, %,d messages inserted and each committed as sent on its own: %.1f s%n",
                report.messages(), rawCommits(report.messages()));
    }

    private static double rawCommits(long messages) throws Exception {
        Path folder = Files.createTempDirectory("liuke-bench-commits");
        long start = System.nanoTime();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("raw.db"))) {
            try (var statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = NORMAL");
                statement.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, chat TEXT, payload TEXT, status TEXT, sent_at INTEGER)");
            }
            connection.setAutoCommit(false);
            try (var insert = connection.prepareStatement("INSERT INTO outbox (chat, payload, status) VALUES (?, ?, 'pending')")) {
                for (long i = 0; i < messages; i++) {
                    insert.setString(1, "chat-" + (i % 10_000));
                    insert.setString(2, "{\"text\":\"新款珍珠系列到店啦，欢迎来店里看看\"}");
                    insert.addBatch();
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            try (var sent = connection.prepareStatement("UPDATE outbox SET status = 'sent', sent_at = ? WHERE id = ?")) {
                for (long id = 1; id <= messages; id++) {
                    sent.setLong(1, id);
                    sent.setLong(2, id);
                    sent.executeUpdate();
                    connection.commit();
                }
            }
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
