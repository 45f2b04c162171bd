package app.liuke.simulate;

import app.liuke.Liuke;
import app.liuke.channel.ChatRef;
import app.liuke.config.LiukeConfig;
import app.liuke.customer.ChannelIdentity;
import app.liuke.demo.DemoShop;
import app.liuke.outbox.DispatchRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code liuke simulate}: a year (or {@code days}) of a synthetic shop on the real service. The demo
 * generator fills a fresh temporary database with {@code customers} customers and their history; then
 * the clock moves an hour at a time. Each hour the customers do what they do ({@link CustomerActions}:
 * buy, answer surveys, opt out, in chat through the real conversation), the service runs its schedule as its scheduler
 * would (the sweep, every standing campaign, survey reminders), a broadcast goes out now and then,
 * and the real dispatcher sends everything due through the gate to recording channels. The send log
 * is then checked against the contact rules by {@link Violations}, which knows nothing of the gate.
 */
public final class Simulation {
    /** The year starts on a fixed day, so a seed gives the same year on every machine and every day. */
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final Duration HOUR = Duration.ofHours(1);

    /** What to simulate: {@code config} is the shop's (its store settings are replaced by a temporary file). */
    public record Options(int customers, int days, long seed, LiukeConfig config) {
        public Options {
            if (customers < 1 || customers > 1_000_000) {
                throw new IllegalArgumentException("--customers must be between 1 and 1,000,000");
            }
            if (days < 1 || days > 3_660) {
                throw new IllegalArgumentException("--days must be between 1 and 3,660");
            }
        }
    }

    /** Told after each simulated day. */
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void day(int done, int total);
    }

    /** The outcome: the send log and the figures drawn from it and from the shop's database. */
    public record Outcome(List<Send> log, YearReport report) {
        public int exitCode() {
            return report.violationsTotal() == 0 ? 0 : 1;
        }
    }

    private final Options options;
    private final ZoneId zone;
    private final SimClock clock;
    private final Behaviour behaviour;
    private final List<Send> log = new ArrayList<>();
    private final YearFigures figures;

    private Simulation(Options options) {
        this.options = options;
        this.zone = options.config().timezone();
        this.clock = new SimClock(START.atStartOfDay(zone).toInstant(), zone);
        this.behaviour = new Behaviour(options.seed());
        this.figures = new YearFigures(zone, clock.instant());
    }

    public static Outcome run(Options options, Progress progress) throws IOException {
        return new Simulation(options).run(progress);
    }

    private Outcome run(Progress progress) throws IOException {
        long started = System.nanoTime();
        Path folder = Files.createTempDirectory("liuke-simulate");
        try (Liuke liuke = Liuke.open(shopConfig(options.config(), folder.resolve("shop.db")), clock)) {
            var telegram = new RecordingGateway("telegram", clock);
            var wecom = new RecordingGateway("wecom", clock);
            var ids = new DemoShop(liuke, options.seed()).seedCustomers(options.customers(), this::reach);
            var channels = liuke.startChat(List.of(telegram, wecom), false);
            var customers = new CustomerActions(liuke, clock, behaviour, figures);
            load(liuke, ids).forEach(customers::add);
            var broadcasts = BroadcastPlan.of(behaviour.random(), clock.instant(), options.days(), zone);
            var resolver = new SendResolver(liuke, options.config());
            channels.dispatcher().onDelivered(resolver::delivered);
            Instant start = clock.instant();
            for (int hour = 0; hour <= options.days() * 24; hour++) {
                Instant now = start.plus(HOUR.multipliedBy(hour));
                customers.actUntil(now);
                clock.set(now);
                if (hour % 24 == 0) {
                    figures.census(liuke.database(), now);
                }
                liuke.runDueWork();
                broadcasts.due(now).forEach(b -> liuke.campaigns().broadcasts().now(b.segment(), b.text()));
                while (channels.dispatcher().runOnce()) {
                    // until nothing more is due this hour
                }
                var sent = new ArrayList<>(telegram.drain());
                sent.addAll(wecom.drain());
                for (var resolved : resolver.resolve(sent, customers.byChat())) {
                    log.add(resolved.send());
                    customers.react(resolved.send(), resolved.message());
                }
                if (hour % 24 == 0 && hour > 0) {
                    progress.day(hour / 24, options.days());
                }
            }
            var violations = new Violations(options.config().contact(), zone, options.config().wecom().monthlyCap()).check(log);
            var report = figures.report(liuke, options, log, violations, customers.optOuts(), (System.nanoTime() - started) / 1e9);
            return new Outcome(List.copyOf(log), report);
        } finally {
            deleteQuietly(folder);
        }
    }

    /** The shop's config on a temporary SQLite file, with no real channel and no dispatch pace (the clock is simulated). */
    static LiukeConfig shopConfig(LiukeConfig config, Path file) {
        var telegram = config.telegram();
        var wechat = config.wechat();
        var wecom = config.wecom();
        var dispatch = config.dispatch();
        return config.withStore(new LiukeConfig.Store(file))
                .withTelegram(new LiukeConfig.Telegram(false, "", telegram.mode(), "", "", telegram.apiUrl()))
                .withWechat(new LiukeConfig.Wechat(false, "", "", "", "", wechat.apiUrl(), Map.of()))
                .withWecom(new LiukeConfig.Wecom(false, "", 0, "", "", "", wecom.apiUrl(), List.of(), wecom.monthlyCap(), Map.of(), ""))
                .withDispatch(new DispatchRules(1_000_000, dispatch.perChatPerSecond(), dispatch.perGroupPerMinute(),
                        dispatch.leaseSeconds()));
    }

    /** Seven customers in ten chat on Telegram, about one in seven is a WeCom contact, the rest are on file only. */
    private List<ChannelIdentity> reach(int index) {
        int roll = Math.floorMod((index * 7919L) ^ options.seed(), 100);
        if (roll < 70) {
            return List.of(new ChannelIdentity("telegram", String.valueOf(800_000_000L + index)));
        }
        return roll < 85 ? List.of(new ChannelIdentity("wecom", "wm-sim-" + index)) : List.of();
    }

    /** The customers as the shop made them, each with the pace they buy at. */
    private List<SimCustomer> load(Liuke liuke, List<Long> ids) {
        var rows = liuke.database().read(handle -> handle.query("""
                SELECT c.id, c.name, c.store, c.owner_staff_id, c.stage, c.opted_out_at,
                       (SELECT i.channel || ':' || i.external_id FROM channel_identity i WHERE i.customer_id = c.id LIMIT 1) AS chat
                FROM customer c ORDER BY c.id""", row -> {
            String chat = row.getString("chat");
            ChatRef ref = chat == null ? null : ChatRef.privateChat(chat.substring(0, chat.indexOf(':')), chat.substring(chat.indexOf(':') + 1));
            Long optedOut = app.liuke.store.RowMapper.longOrNull(row, "opted_out_at");
            return new SimCustomer(row.getLong("id"), row.getString("name"), ref, row.getString("store"),
                    app.liuke.store.RowMapper.longOrNull(row, "owner_staff_id"), behaviour.gapDays(row.getString("stage")),
                    optedOut == null ? null : Instant.ofEpochSecond(optedOut));
        }));
        if (rows.size() != ids.size()) {
            throw new IllegalStateException("the shop has " + rows.size() + " customers, " + ids.size() + " were made");
        }
        return rows;
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
