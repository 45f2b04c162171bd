package app.liuke.tier;

import static app.liuke.support.ShopTime.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.PurchaseDraft;
import app.liuke.shared.InvalidInput;
import app.liuke.support.MutableClock;
import app.liuke.support.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Points that expire after 30 days, and the daily sweep at 03:00 shop time. */
class PointsAndSweepTest {
    @TempDir
    Path folder;
    MutableClock clock = new MutableClock(at("2024-01-01 09:00"));
    Liuke liuke;

    @BeforeEach
    void start() throws Exception {
        var config = ConfigLoader.load(Files.writeString(folder.resolve("liuke.yaml"), """
                store:
                  path: %s
                points:
                  expireAfterDays: 30
                """.formatted(folder.resolve("liuke.db"))), Map.of());
        liuke = Liuke.open(TestStores.onTestEngine(config), clock);
    }

    @AfterEach
    void stop() {
        liuke.close();
    }

    private long customer(String phone) {
        return liuke.customers().upsert(CustomerDraft.empty().withName("客户" + phone).withPhone(phone)).customerId();
    }

    private void buy(long customer, String localTime, long yuan) {
        clock.set(at(localTime));
        liuke.purchases().record(new PurchaseDraft(customer, null, null, yuan * 100, List.of(), null, null, null));
    }

    private long ledgerSum(long customer) {
        return liuke.database().read(handle -> handle.queryLong("SELECT sum(delta) FROM points_entry WHERE customer_id = :id", "id", customer));
    }

    @Test
    void pointsExpireFirstInFirstOut_andTheBalanceAlwaysEqualsTheLedger() {
        long id = customer("13800138000");
        buy(id, "2024-01-01 10:00", 3_000);
        buy(id, "2024-01-20 10:00", 2_000);
        liuke.classification().adjustPoints(id, -10, "兑换礼品", null);
        assertEquals(40, liuke.classification().card(id).points());

        clock.set(at("2024-02-01 04:00"));
        liuke.classification().sweep();
        assertEquals(20, liuke.classification().card(id).points(), "30 earned on Jan 1, 10 already spent: 20 expire");
        assertEquals(ledgerSum(id), liuke.classification().card(id).points());

        clock.set(at("2024-02-20 04:00"));
        liuke.classification().sweep();
        assertEquals(0, liuke.classification().card(id).points());
        clock.advance(Duration.ofDays(1));
        liuke.classification().sweep();
        assertEquals(0, ledgerSum(id), "nothing expires twice");
        var kinds = liuke.classification().pointsEntries(id, 10).stream().map(PointsEntry::kind).toList();
        assertEquals(List.of("expiry", "expiry", "adjustment", "purchase", "purchase"), kinds);
    }

    @Test
    void manualPointChanges_needAReason_andNeverGoBelowZero() {
        long id = customer("13800138000");
        assertThrows(InvalidInput.class, () -> liuke.classification().adjustPoints(id, 5, " ", null));
        assertThrows(InvalidInput.class, () -> liuke.classification().adjustPoints(id, -1, "扣分", null));
        assertThrows(InvalidInput.class, () -> liuke.classification().adjustPoints(id, 0, "无", null));
        var card = liuke.classification().adjustPoints(id, 60, "开业赠送", null);
        assertEquals(60, card.points());
        assertEquals(Tier.A, card.tier(), "points count toward A at once");
    }

    @Test
    void sweepRunsOncePerShopDayAt3am_andAMissedWeekRunsOnce() {
        assertTrue(liuke.sweep().tick().isPresent(), "a new database has never been swept");
        assertTrue(liuke.sweep().tick().isEmpty(), "not twice for the same day");
        clock.set(at("2024-01-02 02:59"));
        assertTrue(liuke.sweep().tick().isEmpty(), "before 03:00 the 1 January sweep is still the latest due");
        clock.set(at("2024-01-02 03:00"));
        assertTrue(liuke.sweep().tick().isPresent());
        clock.set(at("2024-01-09 12:00"));
        assertTrue(liuke.sweep().tick().isPresent(), "after a week down, one sweep");
        assertTrue(liuke.sweep().tick().isEmpty(), "…not seven");
    }

    @Test
    void rfmScoresAreQuintilesOverActiveCustomers_tiesShareAScore() {
        for (int i = 1; i <= 10; i++) {
            long id = customer("1380013800" + (i - 1));
            for (int n = 0; n < i; n++) {
                buy(id, "2024-01-%02d 10:00".formatted(i + 10), 100L * i);
            }
        }
        long never = customer("13900139000");
        clock.set(at("2024-01-25 04:00"));
        liuke.classification().sweep();
        var scores = liuke.database().read(handle -> handle.query(
                "SELECT CAST(rfm_r AS TEXT) || CAST(rfm_f AS TEXT) || CAST(rfm_m AS TEXT) FROM customer WHERE purchase_count > 0 ORDER BY purchase_count", row -> row.getString(1)));
        assertEquals(List.of("111", "111", "222", "222", "333", "333", "444", "444", "555", "555"), scores);
        assertEquals(null, liuke.classification().card(never).rfmR(), "never bought: no RFM score");

        // A customer who churned loses the score; the rest are ranked again without them, in the same pass.
        long top = liuke.database().read(handle -> handle.queryLong("SELECT id FROM customer ORDER BY purchase_count DESC LIMIT 1"));
        int changed = liuke.database().transaction(handle -> {
            handle.update("UPDATE customer SET stage = 'churned' WHERE id = :id", "id", top);
            return new RfmScores().recompute(handle);
        });
        assertEquals(null, liuke.classification().card(top).rfmR(), "churned: no RFM score");
        var after = liuke.database().read(handle -> handle.query(
                "SELECT CAST(rfm_r AS TEXT) || CAST(rfm_f AS TEXT) || CAST(rfm_m AS TEXT) FROM customer WHERE rfm_r IS NOT NULL ORDER BY purchase_count", row -> row.getString(1)));
        assertEquals(List.of("111", "111", "222", "222", "333", "444", "444", "555", "555"), after);
        assertEquals(3, changed, "the churned customer's scores cleared, and two others moved up a fifth");
    }
}
