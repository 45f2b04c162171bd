package app.liuke.bench;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.customer.PurchaseDraft;
import app.liuke.tier.Segment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Classification bench: a database of N customers and M purchases (two years, realistic spread),
 * then (1) the raw {@code GROUP BY customer_id} scan over all purchases as the baseline, (2) the full
 * sweep (everyone's tier, stage, RFM) first from scratch and then as the next day's sweep, (3) the
 * incremental update inside single purchases (p50/p99), (4) the tier × stage counts.
 */
public final class ClassifyBench {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args.length > 0 ? args[0] : "1000000");
        int purchases = Integer.parseInt(args.length > 1 ? args[1] : "10000000");
        Path db = Files.createTempDirectory("liuke-classify-bench").resolve("liuke.db");
        System.out.printf("%nClassification bench: %,d customers, %,d purchases, %d cores, max heap %d MB%n", customers,
                purchases, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Instant now = TODAY.atTime(3, 0).atZone(SHANGHAI).toInstant();
        var config = ConfigLoader.load(Path.of("config/liuke.yaml"), Map.of("LIUKE_DB", db.toString()));
        var clock = new app.liuke.support.MutableClock(now);
        try (var liuke = Liuke.open(config, clock)) {
            long started = System.nanoTime();
            generate(db, customers, purchases, now);
            System.out.printf("generated the database in %.1f s (%,d MB)%n", seconds(started), Files.size(db) >> 20);

            double scan = rawScan(db);
            started = System.nanoTime();
            var first = liuke.classification().sweep();
            double firstSweep = seconds(started);
            clock.set(now.plus(java.time.Duration.ofDays(1)));
            started = System.nanoTime();
            var next = liuke.classification().sweep();
            double nextSweep = seconds(started);
            started = System.nanoTime();
            var everyone = liuke.classification().sweepEveryone();
            double everyoneSweep = seconds(started);
            System.out.println();
            System.out.println("| work | time | note |");
            System.out.println("|---|---|---|");
            System.out.printf("| raw `SELECT customer_id, count(*), max(purchased_at), sum(amount_cents) FROM purchase GROUP BY customer_id` | %.2f s | baseline |%n", scan);
            System.out.printf("| full classify, from scratch | %.2f s | %,d customers reclassified, %,d RFM scores |%n",
                    firstSweep, first.reclassified(), first.rfmChanged());
            System.out.printf("| the daily sweep, the next day (the customers whose time rule fell due) | %.2f s | %,d looked at, %,d reclassified, %,d RFM scores |%n",
                    nextSweep, next.looked(), next.reclassified(), next.rfmChanged());
            System.out.printf("| full classify, the same day (`liuke classify`: everyone) | %.2f s | %,d reclassified, %,d RFM scores |%n",
                    everyoneSweep, everyone.reclassified(), everyone.rfmChanged());
            started = System.nanoTime();
            var counts = liuke.classification().counts(Segment.everyone());
            System.out.printf("| tier × stage counts (`/api/reports/segments`) | %.3f s | %s |%n", seconds(started), counts);
            incremental(liuke, customers, 2_000);
            System.out.printf("peak heap %d MB, peak resident memory %s%n", ArchiveBench.peakHeapMb(), ArchiveBench.peakResident());
        }
    }

    /** Purchases recorded one by one through the service: insert, aggregates, points, tier and stage in one transaction. */
    private static void incremental(Liuke liuke, int customers, int count) {
        var random = new SplittableRandom(3);
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            liuke.purchases().record(new PurchaseDraft(1L + random.nextInt(customers), null, null, 12_800, List.of("珍珠耳钉"),
                    null, null, null));
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf("| one purchase incl. reclassification (%,d in a row) | p50 %.2f ms, p99 %.2f ms | whole transaction |%n",
                count, nanos[count / 2] / 1e6, nanos[count * 99 / 100] / 1e6);
    }

    private static double rawScan(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            return rawScan(connection);
        }
    }

    /** The baseline: one GROUP BY over every purchase, on {@code connection}'s engine. */
    static double rawScan(Connection connection) throws Exception {
        try (var statement = connection.createStatement()) {
            long started = System.nanoTime();
            long rows = 0;
            try (var result = statement.executeQuery(
                    "SELECT customer_id, count(*), max(purchased_at), sum(amount_cents) FROM purchase GROUP BY customer_id")) {
                while (result.next()) {
                    rows++;
                }
            }
            double took = seconds(started);
            System.out.printf("raw GROUP BY: %,d customers in %.2f s%n", rows, took);
            return took;
        }
    }

    /** Customers created over two years; about 10% never buy; purchases inserted per customer, aggregates set after. */
    static void generate(Path db, int customers, int purchases, Instant now) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (var pragma = connection.createStatement()) {
                pragma.execute("PRAGMA journal_mode=WAL");
                pragma.execute("PRAGMA synchronous=OFF");
                pragma.execute("PRAGMA cache_size=-200000");
            }
            generate(connection, customers, purchases, now);
        }
    }

    /** {@link #generate(Path, int, int, Instant)} through any connection (PostgreSQL's bench too). */
    static void generate(Connection connection, int customers, int purchases, Instant now) throws Exception {
        {
            connection.setAutoCommit(false);
            var random = new SplittableRandom(7);
            long nowSeconds = now.getEpochSecond();
            try (var customer = connection.prepareStatement(
                    "INSERT INTO customer (id, name, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
                 var purchase = connection.prepareStatement(
                         "INSERT INTO purchase (customer_id, purchased_at, amount_cents, created_at) VALUES (?, ?, ?, ?)")) {
                double perCustomer = (double) purchases / (customers * 0.9);
                long written = 0;
                for (int id = 1; id <= customers; id++) {
                    long created = nowSeconds - 86_400L * random.nextInt(730);
                    customer.setInt(1, id);
                    customer.setString(2, "客户" + id);
                    customer.setString(3, "+86138" + String.format("%08d", id));
                    customer.setLong(4, created);
                    customer.setLong(5, created);
                    customer.addBatch();
                    int n = random.nextInt(10) == 0 ? 0 : (int) Math.round(random.nextDouble() * 2 * perCustomer);
                    if (id == customers) {
                        n = (int) Math.max(0, purchases - written);
                    }
                    n = (int) Math.min(n, purchases - written);
                    long span = Math.max(1, nowSeconds - created);
                    for (int p = 0; p < n; p++) {
                        purchase.setInt(1, id);
                        purchase.setLong(2, created + (long) (random.nextDouble() * span));
                        purchase.setLong(3, 5_000 + random.nextInt(60_000));
                        purchase.setLong(4, nowSeconds);
                        purchase.addBatch();
                    }
                    written += n;
                    if (id % 10_000 == 0) {
                        customer.executeBatch();
                        purchase.executeBatch();
                        connection.commit();
                    }
                }
                customer.executeBatch();
                purchase.executeBatch();
                connection.commit();
            }
            try (var aggregates = connection.createStatement()) {
                aggregates.executeUpdate("""
                        UPDATE customer SET purchase_count = a.n, purchase_total_cents = a.total, first_purchase_at = a.first,
                          last_purchase_at = a.last, points_balance = a.total / 10000
                        FROM (SELECT customer_id, count(*) AS n, sum(amount_cents) AS total, min(purchased_at) AS first,
                                     max(purchased_at) AS last FROM purchase GROUP BY customer_id) a
                        WHERE a.customer_id = customer.id""");
            }
            connection.commit();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private ClassifyBench() {
    }
}
