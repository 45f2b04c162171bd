package app.liuke.tier;

import static app.liuke.support.ShopTime.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.customer.ChannelIdentity;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.FollowUpMethod;
import app.liuke.customer.PurchaseDraft;
import app.liuke.shared.InvalidInput;
import app.liuke.support.MutableClock;
import app.liuke.support.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The daily sweep looks only at the customers whose day has come ({@code classify_day}), and must
 * leave every customer exactly as a sweep of everyone would. Two shops get the same random half
 * year (new customers, purchases recorded late, visits, overrides that end, points that expire,
 * merges, downtime); one runs the daily sweep, the other reclassifies everyone at the same moments,
 * and after every sweep their customers and their recorded changes must be identical. The rules are
 * short (a 10-day window, a step down every 15 days, dormant after 12, churned after 40) so that
 * every time rule fires many times.
 */
class DueSweepTest {
    private static final String RULES = """
            store:
              path: %s
            points:
              yuanPerPoint: 10
              expireAfterDays: 9
            tiers:
              a:
                minPoints: 30
                minPurchasesInWindow: 2
                windowDays: 10
              b:
                minPurchases: 2
              downgradeAfterDays: %d
            stages:
              dormantAfterDays: 12
              churnedAfterDays: 40
              loyalMinPurchases: 4
            """;
    private static final List<String> COLUMNS = List.of("id", "tier", "tier_reason", "tier_reason_args", "tier_since", "tier_override",
            "tier_override_until", "tier_drop_at", "tier_drop_to", "tier_drop_reason", "stage", "stage_since", "points_balance",
            "rfm_r", "rfm_f", "rfm_m", "classify_day");

    @TempDir
    Path folder;
    final MutableClock clock = new MutableClock(at("2025-01-01 09:00"));
    final List<Liuke> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(Liuke::close);
    }

    private Liuke shop(String name, int downgradeDays) throws Exception {
        var config = ConfigLoader.load(Files.writeString(folder.resolve(name + ".yaml"),
                RULES.formatted(folder.resolve(name + ".db"), downgradeDays)), Map.of());
        var liuke = Liuke.open(TestStores.onTestEngine(config), clock);      // on PostgreSQL too in its run of the suite
        open.add(liuke);
        return liuke;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theDailySweepLeavesEveryCustomerAsASweepOfEveryoneWould(long seed) throws Exception {
        assumeTrue(seed == 1 || !TestStores.postgres(), "one half year is enough on PostgreSQL (its run of the suite is slower)");
        Liuke daily = shop("daily", 15);
        Liuke everyone = shop("everyone", 15);
        var random = new Random(seed);
        var ids = new ArrayList<Long>();
        long looked = 0;
        long possible = 0;
        long changed = 0;
        for (int day = 0; day < 180; day++) {
            Instant morning = at("2025-01-01 03:00").plus(Duration.ofDays(day));
            if (random.nextInt(10) > 0) {               // now and then the service was down: the next sweep catches up once
                clock.set(morning);
                var report = daily.classification().sweep();
                everyone.classification().sweepEveryone();
                looked += report.looked();
                possible += report.customers();
                changed += report.reclassified();
                same(customers(everyone), customers(daily), "customers after the sweep of day " + day + ", seed " + seed);
                same(changes(everyone), changes(daily), "recorded changes after the sweep of day " + day + ", seed " + seed);
            }
            int events = random.nextInt(6);
            for (int e = 0; e < events; e++) {
                clock.set(morning.plus(Duration.ofMinutes(5 * 60 + random.nextInt(15 * 60))));
                Consumer<Liuke> event = event(random, ids);
                for (Liuke shop : List.of(daily, everyone)) {
                    try {
                        event.accept(shop);
                    } catch (InvalidInput refused) {
                        // the same in both shops: a customer merged away, points that would go below zero
                    }
                }
            }
        }
        assertTrue(changed > 50, "the time rules fired: " + changed + " customers changed in sweeps");
        assertTrue(looked * 3 < possible, "the sweeps looked at " + looked + " of " + possible + " customer-days");
    }

    /** One thing that happens in the shop, done the same way to both shops. */
    private Consumer<Liuke> event(Random random, List<Long> ids) {
        int kind = ids.size() < 5 ? 0 : random.nextInt(100);
        int n = ids.size() + 1;
        long someone = ids.isEmpty() ? 0 : ids.get(random.nextInt(ids.size()));
        Instant now = clock.instant();
        if (kind < 15) {
            return shop -> {
                long id = shop.customers().upsert(CustomerDraft.empty().withName("客户" + n).withPhone("1380013" + String.format("%04d", n))
                        .withIdentities(List.of(new ChannelIdentity("telegram", "t" + n)))).customerId();
                if (shop == open.get(0)) {
                    ids.add(id);
                }
            };
        }
        if (kind < 60) {
            Instant when = now.minus(Duration.ofDays(random.nextInt(3) == 0 ? random.nextInt(20) : 0));   // some are recorded late
            long cents = (50 + random.nextInt(400)) * 100L;
            return shop -> shop.purchases().record(new PurchaseDraft(someone, null, when, cents, List.of(), null, null, null));
        }
        if (kind < 70) {
            return shop -> shop.followUps().record(someone, null, now, FollowUpMethod.VISIT, "到店");
        }
        if (kind < 80) {
            Tier tier = random.nextInt(4) == 0 ? null : Tier.values()[random.nextInt(3)];
            Instant until = tier == null || random.nextBoolean() ? null : now.plus(Duration.ofHours(12 + random.nextInt(20 * 24)));
            return shop -> shop.classification().override(someone, new TierOverride(tier, "店长", tier == null ? null : "老朋友", until));
        }
        if (kind < 90) {
            long delta = random.nextInt(40) - 10;
            return shop -> shop.classification().adjustPoints(someone, delta == 0 ? 5 : delta, "活动", null);
        }
        long other = ids.get(random.nextInt(ids.size()));
        String phone = "1380013" + String.format("%04d", ids.indexOf(someone) + 1);
        int otherN = ids.indexOf(other) + 1;
        return shop -> {
            if (someone != other && exists(shop, someone) && exists(shop, other)) {      // the same person, found twice: merged
                shop.customers().upsert(CustomerDraft.empty().withPhone(phone)
                        .withIdentities(List.of(new ChannelIdentity("telegram", "t" + otherN))));
            }
        };
    }

    /** Equal lists, or a failure that names the first line that differs (not the whole shop). */
    private static void same(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what);
        }
        assertEquals(expected.size(), actual.size(), what);
    }

    private static boolean exists(Liuke shop, long id) {
        return shop.database().read(handle -> handle.queryLong("SELECT count(*) FROM customer WHERE id = :id", "id", id)) > 0;
    }

    private static List<String> customers(Liuke shop) {
        return shop.database().read(handle -> handle.query("SELECT " + String.join(", ", COLUMNS) + " FROM customer ORDER BY id", row -> {
            var values = new ArrayList<String>();
            for (int i = 1; i <= COLUMNS.size(); i++) {
                values.add(COLUMNS.get(i - 1) + "=" + row.getString(i));
            }
            return String.join(" ", values);
        }));
    }

    private static List<String> changes(Liuke shop) {
        return shop.database().read(handle -> handle.query("""
                SELECT customer_id, kind, from_value, to_value, changed_at, reason, reason_args FROM classification_change
                ORDER BY customer_id, changed_at, kind, from_value, to_value""", row -> row.getString(1) + " " + row.getString(2) + " "
                + row.getString(3) + ">" + row.getString(4) + " @" + row.getString(5) + " " + row.getString(6) + " " + row.getString(7)));
    }

    @Test
    void afterTheRulesChangeTheNextSweepLooksAtEveryone() throws Exception {
        Liuke shop = shop("shop", 15);
        for (int i = 0; i < 20; i++) {
            shop.customers().upsert(CustomerDraft.empty().withName("客户" + i).withPhone("1390013" + String.format("%04d", i)));
        }
        clock.set(at("2025-01-02 03:00"));
        assertEquals(20, shop.classification().sweep().looked(), "never classified: all are due");
        clock.set(at("2025-01-03 03:00"));
        assertEquals(0, shop.classification().sweep().looked(), "nobody's day has come");
        shop.close();
        open.clear();
        Liuke changed = shop("shop", 20);
        assertEquals(20, changed.classification().sweep().looked(), "downgradeAfterDays changed: everyone is looked at again");
        assertEquals(0, changed.classification().sweep().looked());
        assertEquals(20, changed.classification().sweepEveryone().looked(), "liuke classify looks at everyone");
    }
}
