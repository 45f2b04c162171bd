package app.liuke.bench;

import app.liuke.support.FakeBotApi;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Webhook ingest: a load generator posts realistic Telegram updates at the running service (real
 * Javalin, real SQLite inbox with group commit, workers and a fake Bot API receiving the replies)
 * and, in the same run, at a bare Javalin handler that only answers 200. Prints sustained
 * updates/s and p50/p99 acknowledgement latency for both, then checks nothing was lost or doubled.
 * Sizes: -Dingest.updates (default 60000), -Dingest.clients (default 32), -Dingest.chats (default 5000).
 */
public final class IngestBench {
    private static final int UPDATES = Integer.getInteger("ingest.updates", 60_000);
    private static final int CLIENTS = Integer.getInteger("ingest.clients", 32);
    private static final int CHATS = Integer.getInteger("ingest.chats", 5_000);
    /** Every 50th post repeats an earlier update, as Telegram does after a timeout. */
    private static final int REPEAT_EVERY = 50;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> bodies = updates();
        Javalin bare = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/telegram/webhook", ctx -> ctx.status(200).result(""));
        }).start("127.0.0.1", 0);
        Path folder = Files.createTempDirectory("liuke-ingest");
        try (var api = new FakeBotApi(); var shop = TestShop.withTelegram(folder, api.url(), "webhook").startWeb()) {
            load("warm-up (bare)", bare.port(), bodies.subList(0, 5_000), false);
            Result baseline = load("bare Javalin handler, 200 only", bare.port(), bodies, false);
            long started = System.nanoTime();
            Result ours = load("Liuke POST /telegram/webhook", shop.port(), bodies, true);
            shop.awaitInboxDoneWithin(java.time.Duration.ofMinutes(10));
            double processedSeconds = (System.nanoTime() - started) / 1e9;
            long unique = bodies.stream().distinct().count();
            long stored = shop.count("inbox");
            long done = shop.queryLong("SELECT count(*) FROM inbox WHERE status = 'done'");
            long failed = shop.queryLong("SELECT count(*) FROM inbox WHERE status = 'failed'");
            System.out.printf("%n%-34s %10s %10s %10s %10s%n", "webhook ingest", "posts", "updates/s", "p50 ms", "p99 ms");
            baseline.print();
            ours.print();
            System.out.printf("ours / bare throughput: %.2f×%n", ours.perSecond() / baseline.perSecond());
            System.out.printf("posted %d (%d distinct update ids); inbox rows %d, processed %d, failed %d; "
                            + "all processed %.1f s after the first post (%.0f updates/s end to end)%n",
                    bodies.size(), unique, stored, done, failed, processedSeconds, done / processedSeconds);
            if (stored != unique || done + failed != unique) {
                throw new AssertionError("lost or doubled updates: " + stored + " stored for " + unique + " distinct");
            }
        } finally {
            bare.stop();
        }
    }

    private static List<String> updates() {
        String[] texts = {"/me", "/help", "你好，请问今天营业吗？", "/birthday", "5月20日", "谢谢"};
        var bodies = new ArrayList<String>(UPDATES);
        for (int i = 0; i < UPDATES; i++) {
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

        void print() {
            System.out.printf("%-34s %10d %10.0f %10.2f %10.2f%n", name, posts, perSecond(), percentile(0.50), percentile(0.99));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            var thread = new Thread(runnable, "ingest-load");
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Result load(String name, int port, List<String> bodies, boolean withSecret) throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(4, daemon());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/telegram/webhook");
        long[] nanos = new long[bodies.size()];
        var next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, daemon());
        long started = System.nanoTime();
        var futures = new ArrayList<Future<?>>();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    var request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                            .header("Content-Type", "application/json");
                    if (withSecret) {
                        request.header("X-Telegram-Bot-Api-Secret-Token", TestShop.WEBHOOK_SECRET);
                    }
                    long t0 = System.nanoTime();
                    var response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    nanos[i] = System.nanoTime() - t0;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(name + ": status " + response.statusCode());
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
        io.shutdown();
        Arrays.sort(nanos);
        return new Result(name, bodies.size(), seconds, nanos);
    }
}
