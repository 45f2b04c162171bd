package app.liuke.tier;

import static app.liuke.support.ShopTime.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.customer.CustomerDraft;
import app.liuke.customer.FollowUpMethod;
import app.liuke.customer.PurchaseDraft;
import app.liuke.support.TestShop;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default rules from domain.md, each at its boundary. Days are shop-local days. */
class TierRulesTest {
    @TempDir
    Path folder;
    TestShop shop;
    long customer;

    @BeforeEach
    void start() {
        shop = TestShop.create(folder);
        shop.clock.set(at("2024-01-01 09:00"));
        customer = shop.liuke.customers().upsert(CustomerDraft.empty().withName("王芳").withPhone("13800138000")).customerId();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private void buy(String localTime, long yuan) {
        shop.clock.set(at(localTime));
        shop.liuke.purchases().record(new PurchaseDraft(customer, null, null, yuan * 100, List.of(), null, null, null));
    }

    private ClassificationCard sweepOn(String localTime) {
        shop.clock.set(at(localTime));
        shop.liuke.classification().sweep();
        return card();
    }

    private ClassificationCard card() {
        return shop.liuke.classification().card(customer);
    }

    @Test
    void registeredWithoutPurchase_isPotentialAndC() {
        var card = card();
        assertEquals(Tier.C, card.tier());
        assertEquals("none", card.tierReason());
        assertEquals(Stage.POTENTIAL, card.stage());
        assertEquals(at("2024-01-01 09:00"), card.tierSince());
    }

    @Test
    void onePurchaseIsNewAndC_theSecondMakesRepeatAndB() {
        buy("2024-01-02 10:00", 100);
        assertEquals(Tier.C, card().tier());
        assertEquals(Stage.NEW, card().stage());
        buy("2024-01-03 10:00", 100);
        assertEquals(Tier.B, card().tier());
        assertEquals("repeat", card().tierReason());
        assertEquals(Stage.REPEAT, card().stage());
    }

    @Test
    void fivePurchasesInTwoMonthsStayB_theSixthMakesA_untilTheWindowMovesOn() {
        for (int day = 1; day <= 5; day++) {
            buy("2024-03-0" + day + " 12:00", 100);
        }
        assertEquals(Tier.B, card().tier(), "exactly 5 purchases in the window is not more than 5");
        buy("2024-03-20 12:00", 100);
        var card = card();
        assertEquals(Tier.A, card.tier());
        assertEquals("recent", card.tierReason());
        assertEquals(List.of("6", "60"), card.tierReasonArgs());
        assertEquals(at("2024-04-30 00:00"), card.dropAt(), "2024-03-01 + 60 days: the oldest of the six leaves the window");
        assertEquals(Tier.B, card.dropTo());
        assertEquals("window", card.dropReason());

        assertEquals(Tier.A, sweepOn("2024-04-29 23:59").tier());
        assertEquals(Tier.B, sweepOn("2024-04-30 00:01").tier());
    }

    @Test
    void fiftyPointsMakeA_oneYuanLessDoesNot() {
        buy("2024-01-02 10:00", 4_999);
        assertEquals(49, card().points());
        assertEquals(Tier.C, card().tier());
        buy("2024-01-03 10:00", 100);
        assertEquals(Tier.A, card().tier());
        assertEquals("points", card().tierReason());
        assertEquals(List.of("50", "50"), card().tierReasonArgs());
    }

    @Test
    void customerBecomesDormantOnExactlyThe90thDay_whateverTheHourOfThePurchase() {
        buy("2024-01-10 23:59", 100);
        assertEquals(Stage.NEW, sweepOn("2024-04-08 23:59").stage(), "day 89");
        var card = sweepOn("2024-04-09 00:00");
        assertEquals(Stage.DORMANT, card.stage(), "day 90 (2024 is a leap year: Jan 10 + 90 days = Apr 9)");
        assertEquals(at("2024-04-09 00:00"), card.stageSince());
    }

    @Test
    void groupActivityKeepsACustomerAwake() {
        buy("2024-01-10 12:00", 100);
        shop.liuke.database().useTransaction(handle -> handle.update(
                "UPDATE customer SET last_group_activity_at = :at WHERE id = :id", "at", at("2024-03-01 20:00").getEpochSecond(), "id", customer));
        assertEquals(Stage.NEW, sweepOn("2024-04-20 12:00").stage());
        assertEquals(Stage.DORMANT, sweepOn("2024-05-30 12:00").stage());
    }

    @Test
    void churnedAfter365DaysWithoutPurchase_countedAcrossTheLeapDay() {
        buy("2024-02-29 10:00", 100);
        assertEquals(Stage.DORMANT, sweepOn("2025-02-27 12:00").stage());
        assertEquals(Stage.CHURNED, sweepOn("2025-02-28 00:00").stage());
        var history = shop.liuke.classification().history(customer, 10);
        assertEquals("churned", history.get(0).to());
        assertEquals("dormant", history.get(0).from());
    }

    @Test
    void sixMonthsWithoutAVisitDropsOneTier_andAVisitBringsItBack() {
        buy("2024-01-02 10:00", 6_000);
        var a = card();
        assertEquals(Tier.A, a.tier());
        assertEquals(at("2024-06-30 00:00"), a.dropAt(), "180 days after 2024-01-02");
        assertEquals("inactivity", a.dropReason());

        assertEquals(Tier.A, sweepOn("2024-06-29 23:00").tier());
        var b = sweepOn("2024-06-30 01:00");
        assertEquals(Tier.B, b.tier());
        assertEquals("downgraded", b.tierReason());
        assertEquals(List.of("A", String.valueOf(java.time.LocalDate.of(2024, 1, 2).toEpochDay()), "180"), b.tierReasonArgs());
        assertEquals(Tier.C, sweepOn("2024-12-27 01:00").tier());

        shop.liuke.followUps().record(customer, null, null, FollowUpMethod.VISIT, "到店看新品");
        assertEquals(Tier.A, card().tier(), "a visit counts at once");
    }

    @Test
    void handSetTier_holdsUntilItsEndDate_thenTheRulesApplyAgain() {
        buy("2024-01-02 10:00", 100);
        shop.liuke.classification().override(customer, new TierOverride(Tier.A, "张店长", "老客户介绍了三位朋友", at("2024-02-01 00:00")));
        var card = card();
        assertEquals(Tier.A, card.tier());
        assertEquals("override", card.tierReason());
        assertEquals("张店长", card.tierReasonArgs().get(0));
        assertEquals(at("2024-02-01 00:00"), card.dropAt());
        assertEquals(Tier.C, card.dropTo());

        assertEquals(Tier.A, sweepOn("2024-01-31 23:00").tier());
        var after = sweepOn("2024-02-01 00:30");
        assertEquals(Tier.C, after.tier());
        assertNull(after.overrideTier());
        var reasons = shop.liuke.classification().history(customer, 10).stream().map(ClassificationChange::reason).toList();
        assertTrue(reasons.containsAll(List.of("override_set", "override_expired", "override", "once")), reasons.toString());
    }

    @Test
    void auto_returnsToTheRules() {
        shop.liuke.classification().override(customer, new TierOverride(Tier.B, "张店长", "试用", null));
        assertEquals(Tier.B, card().tier());
        shop.liuke.classification().override(customer, TierOverride.auto("张店长"));
        assertEquals(Tier.C, card().tier());
        assertNull(card().overrideTier());
    }

    @Test
    void changingTheRulesAndReclassifying_movesEveryoneAtOnce(@TempDir Path other) throws Exception {
        buy("2024-01-02 10:00", 2_000);
        assertEquals(Tier.C, card().tier());
        var config = app.liuke.config.ConfigLoader.load(java.nio.file.Files.writeString(other.resolve("l.yaml"),
                "store:\n  path: " + folder.resolve("liuke.db") + "\ntiers:\n  a:\n    minPoints: 20\n"), java.util.Map.of())
                .withStore(shop.liuke.config().store());                      // the same shop, on either engine
        shop.close();
        try (var liuke = app.liuke.Liuke.open(config, java.time.Clock.fixed(at("2024-01-03 10:00"), java.time.ZoneOffset.UTC))) {
            var report = liuke.classification().sweep();
            assertEquals(1, report.reclassified());
            assertEquals(Tier.A, liuke.classification().card(customer).tier());
        }
        shop = TestShop.create(folder);
    }
}
