package app.liuke.bench;

import app.liuke.support.FakeBotApi;
import app.liuke.support.ServiceProcess;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook ingest: a load generator posts realistic Telegram updates at the running service, and,
 * in the same run, at a bare Javalin handler that only answers 200. The service runs as in a shop:
 * its own JVM ({@code liuke serve}, real Javalin, SQLite inbox with group commit, worker lanes, the
 * dispatcher); this JVM plays Telegram: the load generator ({@link RawPoster}, 32 kept-alive
 * connections like Telegram's {@code max_connections}) and the fake Bot API receiving the replies.
 * After a warm-up, each round posts fresh updates at both and prints sustained updates/s and p50/p99
 * acknowledgement latency, the CPU each side used and how long processing took to catch up; then
 * it checks nothing was lost or doubled. Sizes: -Dingest.updates (default 60000, the bench profile's
 * -Dbench.updates), -Dingest.clients (32), -Dingest.chats (5000), -Dingest.rounds (3).
 */
public final class IngestBench {
    private static final int UPDATES = Integer.getInteger("ingest.updates", 60_000);
    private static final int CLIENTS = Integer.getInteger("ingest.clients", 32);
    private static final int CHATS = Integer.getInteger("ingest.chats", 5_000);
    private static final int ROUNDS = Integer.getInteger("ingest.rounds", 3);
    /** Every 50th post repeats an earlier update, as Telegram does after a timeout. */
    private static final int REPEAT_EVERY = 50;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Javalin bare = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/telegram/webhook", ctx -> ctx.status(200).result(""));
        }).start("127.0.0.1", 0);
        Path folder = Files.createTempDirectory("liuke-ingest");
        var posted = new ArrayList<String>();
        try (var api = new FakeBotApi(); var service = ServiceProcess.start(folder, api.url())) {
            List<String> warmUp = updates(10_000);
            load("warm-up (bare)", bare.port(), warmUp, false);
            load("warm-up (Liuke)", service.port(), warmUp, true);
            posted.addAll(warmUp);
            service.awaitNothingPending(java.time.Duration.ofMinutes(5));
            System.out.printf("%n%-6s %-34s %10s %10s %10s %10s%n", "round", "webhook ingest", "posts", "updates/s", "p50 ms", "p99 ms");
            var ours = new ArrayList<Result>();
            for (int round = 1; round <= ROUNDS; round++) {
                List<String> bodies = updates(UPDATES);
                posted.addAll(bodies);
                load("bare Javalin handler, 200 only", bare.port(), bodies, false).print(round);
                ours.add(measure(round, service, bodies));
            }
            ours.sort(java.util.Comparator.comparingDouble(result -> result.percentile(0.99)));
            Result median = ours.get(ours.size() / 2);
            System.out.printf("median round by p99: %.0f updates/s, p50 %.2f ms, p99 %.2f ms (goal: >= 5,000/s, p99 < 20 ms)%n",
                    median.perSecond(), median.percentile(0.50), median.percentile(0.99));
            long unique = posted.stream().distinct().count();
            long stored = service.count("SELECT count(*) FROM inbox");
            long finished = service.count("SELECT count(*) FROM inbox WHERE status IN ('done', 'failed')");
            System.out.printf("posted %d (%d distinct update ids): inbox rows %d, processed %d, failed %d%n", posted.size(), unique,
                    stored, finished, service.count("SELECT count(*) FROM inbox WHERE status = 'failed'"));
            if (stored != unique || finished != unique) {
                throw new AssertionError("lost or doubled updates: " + stored + " stored for " + unique + " distinct");
            }
        } finally {
            bare.stop();
        }
    }

    /** One round at the service: acknowledgements, the CPU each side used, and how long processing took to catch up. */
    private static Result measure(int round, ServiceProcess service, List<String> bodies) throws Exception {
        long finishedBefore = service.count("SELECT count(*) FROM inbox WHERE status <> 'pending'");
        double serviceCpu = service.cpuSeconds();
        double benchCpu = benchCpuSeconds();
        long started = System.nanoTime();
        Result ours = load("Liuke POST /telegram/webhook", service.port(), bodies, true);
        serviceCpu = service.cpuSeconds() - serviceCpu;
        benchCpu = benchCpuSeconds() - benchCpu;
        long backlog = service.count("SELECT count(*) FROM inbox WHERE status = 'pending'");
        service.awaitNothingPending(java.time.Duration.ofMinutes(10));
        double processedSeconds = (System.nanoTime() - started) / 1e9;
        long finished = service.count("SELECT count(*) FROM inbox WHERE status <> 'pending'") - finishedBefore;
        ours.print(round);
        System.out.printf("       CPU while posting (%.1f s × 2 cores): service %.1f s, load generator + fake Bot API %.1f s; "
                        + "%d updates still queued at the last ack, all %d processed %.1f s after the first post (%.0f/s end to end)%n",
                ours.seconds(), serviceCpu, benchCpu, backlog, finished, processedSeconds, finished / processedSeconds);
        return ours;
    }

    static double benchCpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    static List<String> updates(int count) {
        String[] texts = {"/me", "/help", "你好，请问今天营业吗？", "/birthday", "5月20日", "谢谢"};
        var bodies = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            if (i > 0 && i % REPEAT_EVERY == 0) {
                bodies.add(bodies.get(i / 2));
                continue;
            }
            long user = 1_000_000 + (i % CHATS);
            bodies.add(Updates.privateText(Updates.nextId(), user, "顾客" + (i % CHATS), texts[i % texts.length]));
        }
        return bodies;
    }

    record Result(String name, int posts, double seconds, long[] nanos) {
        double perSecond() {
            return posts / seconds;
        }

        double percentile(double p) {
            return nanos[(int) Math.min(nanos.length - 1, Math.floor(p * nanos.length))] / 1e6;
        }

        void print(int round) {
            System.out.printf("%-6d %-34s %10d %10.0f %10.2f %10.2f%n", round, name, posts, perSecond(), percentile(0.50), percentile(0.99));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            var thread = new Thread(runnable, "ingest-load");
            thread.setDaemon(true);
            return thread;
        };
    }

    static Result load(String name, int port, List<String> bodies, boolean withSecret) throws Exception {
        return load(name, new int[] {port}, bodies, withSecret);
    }

    /** {@link #load(String, int, List, boolean)} with the clients spread over several instances' ports. */
    static Result load(String name, int[] ports, List<String> bodies, boolean withSecret) throws Exception {
        long[] nanos = new long[bodies.size()];
        var next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, daemon());
        long started = System.nanoTime();
        var futures = new ArrayList<Future<?>>();
        for (int c = 0; c < CLIENTS; c++) {
            int port = ports[c % ports.length];
            futures.add(clients.submit(() -> {
                try (var poster = new RawPoster(port, "/telegram/webhook", withSecret ? TestShop.WEBHOOK_SECRET : null)) {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        byte[] body = bodies.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        long t0 = System.nanoTime();
                        int status = poster.post(body);
                        nanos[i] = System.nanoTime() - t0;
                        if (status != 200) {
                            throw new IllegalStateException(name + ": status " + status);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        Arrays.sort(nanos);
        return new Result(name, bodies.size(), seconds, nanos);
    }
}
