package app.liuke.bench;

import app.liuke.Liuke;
import app.liuke.campaign.ContactRules;
import app.liuke.config.ConfigLoader;
import app.liuke.config.LiukeConfig;
import app.liuke.outbox.DispatchRules;
import app.liuke.support.FakeBotApi;
import app.liuke.support.MutableClock;
import app.liuke.tier.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.time.LocalTime;
import java.util.Map;

/**
 * Campaign bench. (1) Planning: a broadcast to N customers (audience query, contact-policy gate and
 * one outbox row each), next to a raw SQL scan of the same audience as the baseline. (2) Dispatch:
 * the real dispatcher and Telegram client against the in-process fake Bot API with the rate set to
 * 1,000/s; the achieved rate as a share of the configured one.
 */
public final class CampaignBench {
    private CampaignBench() {
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args.length > 0 ? args[0] : "100000");
        int dispatched = Integer.parseInt(args.length > 1 ? args[1] : "10000");
        int rate = 1000;
        System.out.printf("%nCampaign bench: plan for %,d customers; dispatch %,d messages at %,d/s; %d cores%n", customers,
                dispatched, rate, Runtime.getRuntime().availableProcessors());
        if (!Boolean.getBoolean("bench.dispatchOnly")) {
            plan(customers);
        }
        dispatch(dispatched, rate);
        dispatch(dispatched, 100_000);  // no pacing to speak of: the sender's own ceiling
    }

    private static LiukeConfig config(Path folder, String apiUrl, int rate) {
        var caps = Map.of(Tier.A, new ContactRules.Cap(1, 7), Tier.B, new ContactRules.Cap(1, 15), Tier.C, new ContactRules.Cap(0, 15));
        var config = ConfigLoader.load(Path.of("config/liuke.yaml"), Map.of("LIUKE_DB", folder.resolve("liuke.db").toString(),
                "LIUKE_PORT", "0", "LIUKE_ADMIN_TOKEN", "bench"))
                // No quiet hours: the bench must not depend on the hour it runs at.
                .withContact(new ContactRules(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, caps, 1, 30))
                .withDispatch(new DispatchRules(rate, rate, rate * 60, 60));
        return apiUrl == null ? config : config.withTelegram(new LiukeConfig.Telegram(true, "1:BENCH", "polling", "", "", apiUrl));
    }

    private static void seed(Liuke liuke, int customers) {
        long now = liuke.clock().instant().getEpochSecond();
        liuke.database().useTransaction(handle -> {
            for (int i = 1; i <= customers; i++) {
                handle.update("INSERT INTO customer (id, name, tier, stage, created_at, updated_at) VALUES (:id, :name, :tier, 'repeat', :now, :now)",
                        "id", i, "name", "顾客" + i, "tier", i % 10 == 0 ? "C" : i % 3 == 0 ? "A" : "B", "now", now);
                handle.update("INSERT INTO channel_identity (channel, external_id, customer_id, created_at) VALUES ('telegram', :ext, :id, :now)",
                        "ext", String.valueOf(1_000_000 + i), "id", i, "now", now);
            }
        });
    }

    private static void plan(int customers) throws Exception {
        plan(customers, java.util.function.UnaryOperator.identity());
    }

    /** Planning with the config's store changed by {@code store} (the PostgreSQL bench). */
    static void plan(int customers, java.util.function.UnaryOperator<LiukeConfig> store) throws Exception {
        Path folder = Files.createTempDirectory("liuke-campaign-bench");
        try (var liuke = Liuke.open(store.apply(config(folder, null, 25)), Clock.systemUTC())) {
            seed(liuke, customers);
            if (liuke.database().dialect() == app.liuke.store.Dialect.POSTGRES) {
                liuke.database().useTransaction(handle -> handle.execute("ANALYZE"));   // as autovacuum would have by now
            }
            long started = System.nanoTime();
            long scanned = liuke.database().read(handle -> handle.queryLong("""
                    SELECT count(*) FROM customer c JOIN channel_identity i ON i.customer_id = c.id WHERE c.opted_out = 0"""));
            double scanMs = (System.nanoTime() - started) / 1e6;
            for (int run = 1; run <= 2; run++) {
                started = System.nanoTime();
                var report = liuke.campaigns().broadcasts().now("", "{name}，新品到店，欢迎来看看");
                double planMs = (System.nanoTime() - started) / 1e6;
                System.out.printf("  plan run %d: %,d customers in %,.0f ms (%,d queued, %,d skipped %s, %,d planned before)"
                                + "  | baseline raw audience scan (%,d rows): %,.0f ms%n", run, customers, planMs, report.queued(),
                        report.skippedTotal(), report.skipped(), report.already(), scanned, scanMs);
            }
        }
    }

    /**
     * Two rounds on one running service: the first right after start (cold: the JIT, the HTTP client
     * and SQLite's caches warm up), then, 8 days later on the shop clock so the caps allow it, the same
     * audience again (warm: how a shop's long-running service sends). Each round is timed from the
     * moment the broadcast is queued to the moment its last row is marked sent, polled every 10 ms.
     */
    private static void dispatch(int messages, int rate) throws Exception {
        dispatch(messages, rate, java.util.function.UnaryOperator.identity());
    }

    /** Dispatch with the config's store changed by {@code store} (the PostgreSQL bench). */
    static void dispatch(int messages, int rate, java.util.function.UnaryOperator<LiukeConfig> store) throws Exception {
        Path folder = Files.createTempDirectory("liuke-dispatch-bench");
        var clock = new MutableClock(Instant.now());
        try (var api = new FakeBotApi(); var liuke = Liuke.open(store.apply(config(folder, api.url(), rate)), clock)) {
            seed(liuke, messages);
            liuke.database().useTransaction(handle -> handle.update("UPDATE customer SET tier = 'A'"));
            liuke.startWeb("127.0.0.1");
            for (String round : List.of("cold", "warm")) {
                var report = liuke.campaigns().broadcasts().now("", "{name}，周末会员日 (" + round + ")");
                long started = System.nanoTime();
                long sent = 0;
                while (sent < report.queued() && System.nanoTime() - started < 120_000_000_000L) {
                    Thread.sleep(10);
                    sent = liuke.database().read(handle -> handle.queryLong(
                            "SELECT count(*) FROM outbox WHERE campaign = 'broadcast' AND status = 'sent' AND payload LIKE :round",
                            "round", "%(" + round + ")%"));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double achieved = sent / seconds;
                System.out.printf("  dispatch at %,d/s, %s: %,d of %,d sent in %.2f s = %,.0f/s%s%n", rate, round, sent,
                        report.queued(), seconds, achieved, rate >= 100_000 ? " (the sender's ceiling: pacing never waits)"
                                : ", %.1f%% of the configured rate".formatted(100 * achieved / rate));
                clock.advance(Duration.ofDays(8));
            }
            System.out.printf("    (fake API saw %,d sendMessage)%n", api.calls("sendMessage").size());
        }
    }
}
