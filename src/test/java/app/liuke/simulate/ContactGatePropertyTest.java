package app.liuke.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.liuke.Liuke;
import app.liuke.channel.ChatRef;
import app.liuke.config.ConfigLoader;
import app.liuke.customer.Birthday;
import app.liuke.customer.ChannelIdentity;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.PurchaseDraft;
import app.liuke.tier.Tier;
import app.liuke.tier.TierOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The contact-policy gate under random schedules: campaigns run by hand at any hour, broadcasts to any
 * segment, tiers changed by managers, purchases, opt-outs, time passing with the scheduler looking every
 * hour, and downtime (the clock jumps and nothing ran meanwhile). Whatever the order, the send log
 * breaks no rule ({@link Violations}, which knows nothing of the gate) and every skip has its reason.
 */
class ContactGatePropertyTest {
    private static final int CUSTOMERS = 6;
    private static final List<String> CAMPAIGNS = List.of("birthday", "holidays", "thanks", "follow-up", "downgrade", "reactivation");

    sealed interface Step permits Run, Broadcast, SetTier, Buy, OptOut, Pass, Downtime {
    }

    record Run(String campaign) implements Step {
    }

    record Broadcast(String segment) implements Step {
    }

    record SetTier(int customer, Tier tier) implements Step {
    }

    record Buy(int customer) implements Step {
    }

    record OptOut(int customer) implements Step {
    }

    /** Time passes; the scheduler and the dispatcher run every hour as they would. */
    record Pass(int hours) implements Step {
    }

    /** The service was down: the clock jumps and nothing ran meanwhile. */
    record Downtime(int hours) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> schedules() {
        var customer = Arbitraries.integers().between(0, CUSTOMERS - 1);
        return Arbitraries.<Step>oneOf(
                Arbitraries.of(CAMPAIGNS).map(Run::new),
                Arbitraries.of("all", "tier:A", "tier:B", "tier:A,B", "stage:dormant").map(Broadcast::new),
                Combinators.combine(customer, Arbitraries.of(Tier.class)).as(SetTier::new),
                customer.map(Buy::new),
                customer.map(OptOut::new),
                Arbitraries.integers().between(1, 60).map(Pass::new),
                Arbitraries.integers().between(1, 72).map(Downtime::new)).list().ofMinSize(4).ofMaxSize(30);
    }

    @Property(tries = 30)
    void noRuleIsEverBroken_andEverySkipHasItsReason(@ForAll("schedules") List<Step> steps,
                                                     @ForAll @IntRange(min = 0, max = 23) int startHour,
                                                     @ForAll @IntRange(min = 0, max = 364) int startDay) throws Exception {
        var config = ConfigLoader.load(null, Map.of());
        ZoneId zone = config.timezone();
        var clock = new SimClock(LocalDate.of(2026, 1, 1).plusDays(startDay).atTime(startHour, 17).atZone(zone).toInstant(), zone);
        Path folder = Files.createTempDirectory("liuke-gate");
        var log = new ArrayList<Send>();
        try (Liuke liuke = Liuke.open(Simulation.shopConfig(config, folder.resolve("shop.db")), clock)) {
            var gateway = new RecordingGateway("telegram", clock);
            var byChat = new HashMap<String, SimCustomer>();
            var customers = new ArrayList<SimCustomer>();
            for (int i = 0; i < CUSTOMERS; i++) {
                var day = clock.instant().atZone(zone).toLocalDate().plusDays(i);         // birthdays in the coming days
                long id = liuke.customers().upsert(new CustomerDraft("客户" + i, null, new Birthday(1990, MonthDay.from(day)), null,
                        null, Set.of(), null, null, "南京西路店", null, null, false,
                        List.of(new ChannelIdentity("telegram", String.valueOf(900 + i))), null)).customerId();
                var customer = new SimCustomer(id, "客户" + i, ChatRef.privateChat("telegram", String.valueOf(900 + i)), "南京西路店",
                        null, 30, null);
                customers.add(customer);
                byChat.put("telegram:" + (900 + i), customer);
            }
            var channels = liuke.startChat(List.of(gateway), false);
            var resolver = new SendResolver(liuke, config);
            Runnable look = () -> {
                liuke.runDueWork();
                while (channels.dispatcher().runOnce()) {
                    // everything due now
                }
                resolver.resolve(gateway.drain(), byChat).forEach(resolved -> log.add(resolved.send()));
            };
            for (Step step : steps) {
                if (step instanceof Run run) {
                    liuke.campaigns().run(run.campaign(), "property");
                } else if (step instanceof Broadcast broadcast) {
                    liuke.campaigns().broadcasts().now(broadcast.segment(), "{name}，新品到店");
                } else if (step instanceof SetTier set) {
                    liuke.classification().override(customers.get(set.customer()).id,
                            new TierOverride(set.tier(), "店长", "property test", null));
                } else if (step instanceof Buy buy) {
                    liuke.purchases().record(new PurchaseDraft(customers.get(buy.customer()).id, null, clock.instant(), 50_000,
                            List.of("珍珠耳钉"), "南京西路店", null, null));
                } else if (step instanceof OptOut out) {
                    var customer = customers.get(out.customer());
                    liuke.customers().patch(customer.id, new CustomerDraft(null, null, null, null, null, null, null, null, null,
                            null, null, true, null, null));
                    if (customer.optedOutAt == null) {
                        customer.optedOutAt = clock.instant();
                    }
                } else if (step instanceof Pass pass) {
                    for (int hour = 0; hour < pass.hours(); hour++) {
                        clock.set(clock.instant().plus(Duration.ofHours(1)));
                        look.run();
                    }
                } else if (step instanceof Downtime down) {
                    clock.set(clock.instant().plus(Duration.ofHours(down.hours())));
                }
                look.run();
            }
            for (int hour = 0; hour < 48; hour++) {                  // whatever waits for the morning goes out
                clock.set(clock.instant().plus(Duration.ofHours(1)));
                look.run();
            }
            var result = new Violations(config.contact(), zone, config.wecom().monthlyCap()).check(log);
            assertEquals(0, result.total(), () -> result.examples() + "\nsteps: " + steps);
            long unexplained = liuke.database().read(handle -> handle.queryLong(
                    "SELECT count(*) FROM outbox WHERE status = 'skipped' AND (reason IS NULL OR reason = '')"));
            assertEquals(0, unexplained, "every skip has its reason");
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

}
