package app.liuke.simulate;

import app.liuke.Liuke;
import app.liuke.channel.ChatRef;
import app.liuke.channel.Inbound;
import app.liuke.channel.Person;
import app.liuke.config.LiukeConfig;
import app.liuke.customer.ChannelIdentity;
import app.liuke.customer.CustomerDraft;
import app.liuke.demo.DemoShop;
import app.liuke.outbox.DispatchRules;
import app.liuke.survey.SurveyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * {@code liuke simulate}: a year (or {@code days}) of a synthetic shop on the real service. The demo
 * generator fills a fresh temporary database with {@code customers} customers and their history; then
 * the clock moves an hour at a time. Each hour the customers do what they do (buy, answer surveys,
 * opt out, in chat through the real conversation), the service runs its schedule as its scheduler
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

    private enum Kind { BUY, BUY_AFTER_MESSAGE, STOP, PRESS, STAFF_OPT_OUT }

    private record Action(Instant at, long order, SimCustomer customer, Kind kind, String data, String messageId) {
    }

    private final Options options;
    private final ZoneId zone;
    private final SimClock clock;
    private final Behaviour behaviour;
    private final PriorityQueue<Action> actions = new PriorityQueue<>(Comparator.comparing(Action::at).thenComparing(Action::order));
    private final Map<String, SimCustomer> byChat = new HashMap<>();
    private final List<Send> log = new ArrayList<>();
    private final java.util.Set<String> reacted = new java.util.HashSet<>();
    private final YearFigures figures;
    private long order;
    private long inbound;
    private int optOuts;

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
            liuke.database().useTransaction(handle -> handle.execute(
                    "CREATE INDEX simulate_sent ON outbox (external_id) WHERE external_id IS NOT NULL"));   // for SendResolver
            var telegram = new RecordingGateway("telegram", clock);
            var wecom = new RecordingGateway("wecom", clock);
            var ids = new DemoShop(liuke, options.seed()).seedCustomers(options.customers(), this::reach);
            var channels = liuke.startChat(List.of(telegram, wecom), false);
            load(liuke, ids);
            var broadcasts = BroadcastPlan.of(behaviour.random(), clock.instant(), options.days(), zone);
            var resolver = new SendResolver(liuke, options.config());
            Instant start = clock.instant();
            for (int hour = 0; hour <= options.days() * 24; hour++) {
                Instant now = start.plus(HOUR.multipliedBy(hour));
                actUntil(liuke, now);
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
                for (var resolved : resolver.resolve(sent, byChat)) {
                    log.add(resolved.send());
                    react(resolved.send(), resolved.message());
                }
                if (hour % 24 == 0 && hour > 0) {
                    progress.day(hour / 24, options.days());
                }
            }
            var violations = new Violations(options.config().contact(), zone, options.config().wecom().monthlyCap()).check(log);
            var report = figures.report(liuke, options, log, violations, optOuts, (System.nanoTime() - started) / 1e9);
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

    private void load(Liuke liuke, List<Long> ids) {
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
        for (SimCustomer customer : rows) {
            if (customer.chat != null) {
                byChat.put(customer.chat.channel() + ":" + customer.chat.chatId(), customer);
            }
            schedule(openHours(behaviour.nextPurchase(clock.instant(), customer.gapDays)), customer, Kind.BUY, null, null);
        }
        if (rows.size() != ids.size()) {
            throw new IllegalStateException("the shop has " + rows.size() + " customers, " + ids.size() + " were made");
        }
    }

    private void schedule(Instant at, SimCustomer customer, Kind kind, String data, String messageId) {
        actions.add(new Action(at, order++, customer, kind, data, messageId));
    }

    /** A time in the shop's opening hours (10:00–20:00) on the day of {@code at}, or the next day's when it is past. */
    private Instant openHours(Instant at) {
        var local = at.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        if (minute >= 10 * 60 && minute < 20 * 60) {
            return at;
        }
        var day = minute < 10 * 60 ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return day.atTime(10, 0).plusMinutes(behaviour.random().nextInt(600)).atZone(zone).toInstant();
    }

    private void actUntil(Liuke liuke, Instant until) {
        while (!actions.isEmpty() && actions.peek().at().isBefore(until)) {
            Action action = actions.poll();
            clock.set(action.at());
            act(liuke, action);
        }
    }

    private void act(Liuke liuke, Action action) {
        SimCustomer customer = action.customer();
        switch (action.kind()) {
            case BUY, BUY_AFTER_MESSAGE -> {
                boolean bringsCode = action.kind() == Kind.BUY_AFTER_MESSAGE && behaviour.random().nextInt(10) < 7;
                buy(liuke, customer, action.at(), bringsCode);
                if (action.kind() == Kind.BUY) {
                    customer.gapDays = behaviour.afterPurchase(customer.gapDays);
                    schedule(openHours(behaviour.nextPurchase(action.at(), customer.gapDays)), customer, Kind.BUY, null, null);
                }
            }
            case STOP -> {
                chat(liuke, customer, new Inbound.Command(customer.chat, person(customer), "stop", ""));
                optedOut(customer, action.at());
            }
            case PRESS -> chat(liuke, customer, new Inbound.ButtonPress(customer.chat, person(customer), "sim-" + inbound,
                    action.data(), action.messageId()));
            case STAFF_OPT_OUT -> {
                liuke.customers().patch(customer.id, new CustomerDraft(null, null, null, null, null, null, null, null, null, null,
                        null, true, null, null));
                optedOut(customer, action.at());
            }
        }
    }

    /** A sale at the counter; a customer who came because of a message often shows the code it carried (/redeem). */
    private void buy(Liuke liuke, SimCustomer customer, Instant at, boolean bringsCode) {
        var sale = DemoShop.sale(behaviour.random(), customer.id, at, customer.store, customer.staffId);
        liuke.database().useTransaction(handle -> {
            long purchase = liuke.purchases().record(handle, sale, at);
            String code = !bringsCode ? null : handle.queryOne("""
                    SELECT k.code FROM offer_code k WHERE k.customer_id = :customer AND (k.expires_at IS NULL OR k.expires_at > :now)
                      AND NOT EXISTS (SELECT 1 FROM offer_redemption r WHERE r.code_id = k.id)
                    ORDER BY k.issued_at DESC LIMIT 1""", row -> row.getString(1), "customer", customer.id,
                    "now", at.getEpochSecond()).orElse(null);
            if (code != null) {
                var used = liuke.redemptions().redeem(handle, code, customer.id, customer.staffId, customer.store, at);
                if (used.redeemed()) {
                    liuke.redemptions().linkPurchase(handle, used.redemptionId(), purchase);
                }
            }
        });
        figures.purchase();
    }

    private void optedOut(SimCustomer customer, Instant at) {
        if (customer.optedOutAt == null) {
            customer.optedOutAt = at;
            optOuts++;
        }
    }

    private void chat(Liuke liuke, SimCustomer customer, Inbound event) {
        customer.lastChatAt = clock.instant();
        liuke.channels().pipeline().processNow(event, "simulate:" + inbound++);
    }

    private static Person person(SimCustomer customer) {
        return Person.of(customer.chat.channel(), customer.chat.chatId(), customer.name, "zh");
    }

    /** What a customer does about a message: answers the survey question in it, comes in to buy, or opts out. */
    private void react(Send send, RecordingGateway.Sent message) {
        SimCustomer customer = byChat.get(message.channel() + ":" + message.chatId());
        var survey = message.buttonData().stream().filter(data -> data.startsWith(SurveyEngine.ANSWER_BUTTON)).toList();
        if (!survey.isEmpty() && customer.onTelegram() && behaviour.answers(!send.purpose().equals(Send.REPLY))) {
            boolean first = !send.purpose().equals(Send.REPLY);
            schedule(behaviour.soonAfter(send.sentAt(), first ? 5 : 1, first ? 120 : 10), customer, Kind.PRESS,
                    behaviour.pick(survey), message.externalId());
        }
        if (send.campaign() != null && reacted.add(send.customerId() + "|" + send.contact()) && behaviour.buysAfter(send.campaign())) {
            schedule(openHours(send.sentAt().plus(Duration.ofDays(1 + behaviour.random().nextInt(14)))), customer,
                    Kind.BUY_AFTER_MESSAGE, null, null);
            if (customer.gapDays > 200) {
                customer.gapDays = 60 + behaviour.random().nextInt(60);      // won back: buys like a repeat customer again
            }
        }
        if (send.purpose().equals("marketing") && customer.optedOutAt == null && behaviour.optsOut()) {
            schedule(customer.onTelegram() ? behaviour.soonAfter(send.sentAt(), 1, 180) : openHours(send.sentAt().plus(Duration.ofDays(1))),
                    customer, customer.onTelegram() ? Kind.STOP : Kind.STAFF_OPT_OUT, null, null);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
