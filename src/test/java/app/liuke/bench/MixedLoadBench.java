package app.liuke.bench;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.support.ServiceProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Mixed load (issue #20, item 14): the service in its own JVM with 20,000 customers on file; for
 * -Dmixed.seconds (60) 8 threads record purchases on a fixed schedule of -Dmixed.rate (200) a second
 * in all, while 8 threads search the archive as fast as they can. Prints purchases' and searches'
 * rates and p50/p99/max, and, in the same run, a bare loop of the same number of INSERTs, each in its
 * own transaction on a SQLite file like the service's (WAL, synchronous=NORMAL), as the floor.
 */
public final class MixedLoadBench {
    private static final int SECONDS = Integer.getInteger("mixed.seconds", 60);
    private static final int RATE = Integer.getInteger("mixed.rate", 200);
    private static final int CUSTOMERS = 20_000;
    private static final int THREADS = 8;
    /** 0: purchases alone (to see what the searches cost them); -1: searches alone. */
    private static final int SEARCHERS = Integer.getInteger("mixed.searchers", THREADS);

    private MixedLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("liuke-mixed");
        Path config = ServiceProcess.writeConfig(folder, "http://127.0.0.1:9", "");
        try (var liuke = Liuke.open(ConfigLoader.load(config, Map.of()), Clock.systemUTC())) {
            long now = liuke.clock().instant().getEpochSecond();
            liuke.database().useTransaction(handle -> {
                for (int i = 1; i <= CUSTOMERS; i++) {
                    handle.update("""
                            INSERT INTO customer (id, name, phone, tier, stage, created_at, updated_at)
                            VALUES (:id, :name, :phone, 'C', 'potential', :now, :now)""",
                            "id", i, "name", "顾客" + i, "phone", "+86138" + String.format("%08d", i), "now", now);
                }
            });
        }
        try (var service = ServiceProcess.start(folder, "http://127.0.0.1:9")) {
            var http = HttpClient.newBuilder().build();
            String base = "http://127.0.0.1:" + service.port();
            run(http, base, 5, false);                                          // warm-up
            var result = run(http, base, SECONDS, true);
            result.print("Liuke, purchases with searches running");
        }
        bareInserts(folder.resolve("bare.db"), RATE * SECONDS / 4).print("bare INSERT loop, a transaction each (same pragmas)");
    }

    record Timings(String what, int count, double seconds, long[] nanos, int failures) {
        double p(double q) {
            return nanos.length == 0 ? Double.NaN : nanos[(int) Math.min(nanos.length - 1, Math.floor(q * nanos.length))] / 1e6;
        }

        void print(String label) {
            System.out.printf("%-55s %-10s %7d in %5.1f s = %7.1f/s   p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  failed %d%n", label, what,
                    count, seconds, count / seconds, p(0.5), p(0.99), nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6,
                    failures);
        }
    }

    record Result(Timings purchases, Timings searches) {
        void print(String label) {
            purchases.print(label);
            searches.print(label);
        }
    }

    private static Result run(HttpClient http, String base, int seconds, boolean report) throws Exception {
        var stop = new AtomicBoolean();
        var purchases = new ConcurrentLinkedQueue<Long>();
        var searches = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(THREADS * 2);
        long start = System.nanoTime();
        long interval = 1_000_000_000L * THREADS / RATE;
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            if (SEARCHERS >= 0) futures.add(pool.submit(() -> {
                long next = start + interval * thread / THREADS;
                int n = 0;
                while (!stop.get()) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    long customer = 1 + (thread * 7919L + n++ * 104_729L) % CUSTOMERS;
                    long t0 = System.nanoTime();
                    int status = post(http, base + "/api/purchases", "{\"customerId\": " + customer + ", \"amount\": 128, \"items\": [\"手链\"]}");
                    purchases.add(System.nanoTime() - t0);
                    if (status != 201) {
                        failures.incrementAndGet();
                    }
                    next += interval;
                }
                return null;
            }));
            if (thread < SEARCHERS || SEARCHERS < 0) futures.add(pool.submit(() -> {
                int n = thread;
                while (!stop.get()) {
                    String q = n % 2 == 0 ? String.format("%04d", (n * 37) % 10_000) : "顾客" + (n * 13 % CUSTOMERS);
                    long t0 = System.nanoTime();
                    int status = get(http, base + "/api/customers?size=10&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
                    searches.add(System.nanoTime() - t0);
                    if (status != 200) {
                        failures.incrementAndGet();
                    }
                    n += THREADS;
                }
                return null;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(timings("purchases", purchases, elapsed, failures.get()), timings("searches", searches, elapsed, 0));
    }

    private static Timings timings(String what, ConcurrentLinkedQueue<Long> samples, double seconds, int failures) {
        long[] nanos = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(nanos);
        return new Timings(what, nanos.length, seconds, nanos, failures);
    }

    private static int post(HttpClient http, String url, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + ServiceProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int get(HttpClient http, String url) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + ServiceProcess.ADMIN_TOKEN)
                .GET().timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The floor: the same number of single-row INSERTs, each its own transaction, at the same pace, on a file with the service's pragmas. */
    private static Timings bareInserts(Path file, int count) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            var statement = connection.createStatement();
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("CREATE TABLE purchase (id INTEGER PRIMARY KEY, customer_id INTEGER, purchased_at INTEGER, amount_cents INTEGER, items TEXT)");
            long[] nanos = new long[count];
            long interval = 1_000_000_000L / RATE;
            long start = System.nanoTime();
            long next = start;
            try (var insert = connection.prepareStatement("INSERT INTO purchase (customer_id, purchased_at, amount_cents, items) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    long t0 = System.nanoTime();
                    insert.setLong(1, i % CUSTOMERS);
                    insert.setLong(2, System.currentTimeMillis() / 1000);
                    insert.setLong(3, 12_800);
                    insert.setString(4, "[\"手链\"]");
                    insert.executeUpdate();
                    nanos[i] = System.nanoTime() - t0;
                    next += interval;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            return new Timings("inserts", count, seconds, nanos, 0);
        }
    }
}
