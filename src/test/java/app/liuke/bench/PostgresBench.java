package app.liuke.bench;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.config.LiukeConfig;
import app.liuke.support.FakeBotApi;
import app.liuke.support.PostgresServer;
import app.liuke.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue #18's figures on PostgreSQL: a temporary server as durable as a shop's (fsync and synchronous
 * commit on; {@link PostgresServer#startForBench}) on the same two cores as Liuke. (1) The full
 * reclassification of N customers / M purchases beside a raw {@code GROUP BY} on the same server;
 * (2) planning a broadcast to 100,000 customers; (3) webhook ingest into one instance, then into two
 * instances on one database, the load generator spreading its clients over both.
 */
public final class PostgresBench {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private PostgresBench() {
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args.length > 0 ? args[0] : "1000000");
        int purchases = Integer.parseInt(args.length > 1 ? args[1] : "10000000");
        try (var server = PostgresServer.startForBench()) {
            System.out.printf("%nPostgreSQL bench (%s): %d cores%n", server.version(), Runtime.getRuntime().availableProcessors());
            var parts = List.of(System.getProperty("pgbench.parts", "classify,plan,dispatch,ingest").split(","));
            if (parts.contains("classify")) {
                classify(server, customers, purchases);
            }
            if (parts.contains("plan")) {
                String planning = server.createDatabase("planning");
                try (var c = DriverManager.getConnection(planning, PostgresServer.USER, "")) {
                    c.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                }
                CampaignBench.plan(100_000, config -> onPostgres(config, planning));
                topStatements(planning);
            }
            if (parts.contains("dispatch")) {
                System.out.println("\nDispatch on PostgreSQL: 10,000 messages at 1,000/s, then with pacing off (the sender's ceiling)");
                for (int rate : new int[] {1_000, 100_000}) {
                    String url = server.createDatabase("dispatch_" + rate);
                    CampaignBench.dispatch(10_000, rate, config -> onPostgres(config, url));
                }
            }
            if (parts.contains("ingest")) {
                ingest(server);
            }
            if (!System.getProperty("pgbench.explainMs", "-1").equals("-1")) {
                Files.writeString(Path.of("target/pgbench-server.log"), server.serverLog());
            }
        }
    }

    private static void reset(String url) throws Exception {
        try (var c = DriverManager.getConnection(url, PostgresServer.USER, "")) {
            c.createStatement().execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Where the server's time went: the statements that took most of it (pg_stat_statements). */
    private static void topStatements(String url) throws Exception {
        try (var c = DriverManager.getConnection(url, PostgresServer.USER, "");
             var rows = c.createStatement().executeQuery("""
                     SELECT calls, round(total_exec_time) AS ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 160)
                     FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8""")) {
            System.out.println("  where the server's time went (calls, ms, statement):");
            while (rows.next()) {
                System.out.printf("    %,9d %,9d  %s%n", rows.getLong(1), rows.getLong(2), rows.getString(3));
            }
        }
    }

    /** The server's background work, to tell what a slow round met: checkpoints, WAL, autovacuum and autoanalyze. */
    private record ServerCounters(long checkpoints, long walBytes, long fullPages, long vacuums, long analyzes) {
        static ServerCounters read(String url) throws Exception {
            try (var c = DriverManager.getConnection(url, PostgresServer.USER, "");
                 var rows = c.createStatement().executeQuery("""
                         SELECT (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter),
                                (SELECT wal_bytes FROM pg_stat_wal), (SELECT wal_fpi FROM pg_stat_wal),
                                (SELECT sum(autovacuum_count) FROM pg_stat_user_tables),
                                (SELECT sum(autoanalyze_count) FROM pg_stat_user_tables)""")) {
                rows.next();
                return new ServerCounters(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5));
            }
        }

        String since(ServerCounters before) {
            return String.format("%d checkpoint(s), WAL %,d MB (%,d full pages), %d autovacuum(s), %d autoanalyze(s)",
                    checkpoints - before.checkpoints, (walBytes - before.walBytes) >> 20, fullPages - before.fullPages,
                    vacuums - before.vacuums, analyzes - before.analyzes);
        }
    }

    private static LiukeConfig onPostgres(LiukeConfig config, String url) {
        return config.withStore(new LiukeConfig.Store(config.store().path(), url, PostgresServer.USER, "", 10));
    }

    private static void classify(PostgresServer server, int customers, int purchases) throws Exception {
        String url = server.createDatabase("classify");
        Instant now = LocalDate.of(2026, 11, 23).atTime(3, 0).atZone(SHANGHAI).toInstant();
        Path folder = Files.createTempDirectory("liuke-pg-classify");
        var config = onPostgres(ConfigLoader.load(Path.of("config/liuke.yaml"), Map.of("LIUKE_DB", folder.resolve("unused.db").toString())), url);
        System.out.printf("%nClassification on PostgreSQL: %,d customers, %,d purchases%n", customers, purchases);
        try (var liuke = Liuke.open(config, Clock.fixed(now, SHANGHAI));
             var connection = DriverManager.getConnection(url + "?reWriteBatchedInserts=true", PostgresServer.USER, "")) {
            long started = System.nanoTime();
            ClassifyBench.generate(connection, customers, purchases, now);
            connection.setAutoCommit(true);
            connection.createStatement().execute("VACUUM ANALYZE");
            System.out.printf("generated the database in %.1f s%n", (System.nanoTime() - started) / 1e9);
            double scan = ClassifyBench.rawScan(connection);
            started = System.nanoTime();
            var first = liuke.classification().sweep();
            double firstSweep = (System.nanoTime() - started) / 1e9;
            connection.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            connection.createStatement().execute("SELECT pg_stat_statements_reset()");
            started = System.nanoTime();
            var next = liuke.classification().sweep();
            double nextSweep = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            var everyone = liuke.classification().sweepEveryone();
            double everyoneSweep = (System.nanoTime() - started) / 1e9;
            System.out.printf("| raw `GROUP BY customer_id` over every purchase | %.2f s | baseline, same server |%n", scan);
            System.out.printf("| full classify, from scratch | %.2f s | %,d reclassified, %,d RFM scores |%n", firstSweep,
                    first.reclassified(), first.rfmChanged());
            System.out.printf("| full classify, the next day | %.2f s | %,d reclassified, %,d RFM scores |%n", nextSweep,
                    next.reclassified(), next.rfmChanged());
            System.out.printf("| full classify, everyone the same day (`liuke classify`) | %.2f s | %,d reclassified, %,d RFM scores |%n",
                    everyoneSweep, everyone.reclassified(), everyone.rfmChanged());
            System.out.println("  (the next day's sweep and the same day's classify of everyone)");
            topStatements(url);
        }
        if (System.getProperty("pgbench.parts", "").contains("footprint")) {
            footprint(url, customers, Path.of("target/liuke.jar").toAbsolutePath());
        }
    }

    /**
     * The service as a shop starts it (default JVM flags) on the classified database: how soon it is
     * healthy, and the most memory it held after its start-up sweep (the day was missed) and a few
     * of the heavier admin requests.
     */
    static void footprint(String url, int customers, Path jar) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the footprint part runs the packaged jar: mvn -B -Pbench -DskipTests verify builds it first");
        }
        try (var api = new FakeBotApi()) {
            long started = System.nanoTime();
            try (var service = ServiceProcess.startJarWithDefaultFlags(jar, Files.createTempDirectory("liuke-pg-footprint"), api.url(), url)) {
                double healthy = (System.nanoTime() - started) / 1e9;
                var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port()
                        + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (!service.log().contains("classification sweep for") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                double[] seconds = new double[3];
                String[] paths = {"/api/customers?q=13800012345", "/api/reports/segments", "/api/todo"};
                for (int i = 0; i < paths.length; i++) {
                    long t0 = System.nanoTime();
                    var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port()
                                    + paths[i])).header("Authorization", "Bearer " + ServiceProcess.ADMIN_TOKEN).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    seconds[i] = (System.nanoTime() - t0) / 1e9;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(paths[i] + ": " + response.statusCode() + " " + response.body());
                    }
                }
                System.out.printf("%nThe service on PostgreSQL with %,d customers (java -jar target/liuke.jar, default JVM flags)%n", customers);
                System.out.printf("| launch -> running, then GET /health %d | %.2f s | < 2 s |%n", health.statusCode(), healthy);
                System.out.printf("| GET %s / %s / %s | %.2f / %.2f / %.2f s | |%n", paths[0], paths[1], paths[2], seconds[0], seconds[1],
                        seconds[2]);
                System.out.printf("| peak resident memory after the start-up sweep and those requests | %d MB | < 300 MB |%n",
                        service.peakResidentMb());
            }
        }
    }

    /** Three rounds into one instance, then three into two instances on one database. */
    private static void ingest(PostgresServer server) throws Exception {
        for (int instances : Integer.getInteger("pgbench.instances", 0) > 0
                ? new int[] {Integer.getInteger("pgbench.instances")} : new int[] {1, 2}) {
            String url = server.createDatabase("ingest_" + instances);
            try (var c = DriverManager.getConnection(url, PostgresServer.USER, "")) {
                c.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            var services = new ArrayList<ServiceProcess>();
            try (var api = new FakeBotApi()) {
                for (int i = 0; i < instances; i++) {
                    services.add(ServiceProcess.start(Files.createTempDirectory("liuke-pg-ingest"), api.url(), url, ""));
                }
                int[] ports = services.stream().mapToInt(ServiceProcess::port).toArray();
                IngestBench.load("warm-up", ports, IngestBench.updates(Integer.getInteger("ingest.warmUp", 60_000)), true);
                services.get(0).awaitNothingPending(Duration.ofMinutes(5));
                System.out.printf("%nwebhook ingest on PostgreSQL, %d instance(s)%n", instances);
                for (int round = 1; round <= 3; round++) {
                    List<String> bodies = IngestBench.updates(Integer.getInteger("ingest.updates", 60_000));
                    reset(url);
                    var before = ServerCounters.read(url);
                    double cpu = services.stream().mapToDouble(ServiceProcess::cpuSeconds).sum();
                    double serverCpu = server.cpuSeconds();
                    double benchCpu = IngestBench.benchCpuSeconds();
                    long started = System.nanoTime();
                    var result = IngestBench.load(instances + " instance(s) POST /telegram/webhook", ports, bodies, true);
                    result.print(round);
                    System.out.printf("       while posting: %s%n       CPU while posting (%.1f s × %d cores): Liuke %.1f s, PostgreSQL %.1f s,"
                                    + " load generator + fake Bot API %.1f s%n", ServerCounters.read(url).since(before), result.seconds(),
                            Runtime.getRuntime().availableProcessors(),
                            services.stream().mapToDouble(ServiceProcess::cpuSeconds).sum() - cpu, server.cpuSeconds() - serverCpu,
                            IngestBench.benchCpuSeconds() - benchCpu);
                    topStatements(url);
                    services.get(0).awaitNothingPending(Duration.ofMinutes(10));
                    System.out.printf("       all processed %.1f s after the first post%n", (System.nanoTime() - started) / 1e9);
                }
                long distinct = services.get(0).count("SELECT count(DISTINCT update_id) FROM inbox");
                long rows = services.get(0).count("SELECT count(*) FROM inbox");
                System.out.printf("inbox rows %,d for %,d distinct updates (no doubles: %s)%n", rows, distinct, rows == distinct);
            } finally {
                for (var service : services) {
                    service.close();
                }
            }
        }
    }
}
