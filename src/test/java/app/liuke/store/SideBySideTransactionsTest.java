package app.liuke.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.customer.CustomerDraft;
import app.liuke.offer.Offer;
import app.liuke.offer.Offers;
import app.liuke.shared.InvalidInput;
import app.liuke.support.MutableClock;
import app.liuke.support.TestStores;
import app.liuke.tier.PointsLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL the transactions of two instances run side by side, so what counts and then writes
 * must hold a lock: the first instance's transaction decides and stays open, the second instance's,
 * started meanwhile, must wait for it and then see what it wrote. Without the lock the second
 * finishes while the first is still open, having seen the old count; the test then fails.
 */
class SideBySideTransactionsTest {
    private static final Instant NOW = Instant.parse("2026-03-15T02:00:00Z");
    @TempDir
    Path folder;
    Liuke liuke;
    /** The second instance's connection to the same database. */
    Database other;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(TestStores.postgres(), "SQLite has one writer at a time: nothing runs side by side");
        var config = ConfigLoader.load(Files.writeString(folder.resolve("liuke.yaml"),
                "store:\n  path: " + folder.resolve("liuke.db") + "\n"), Map.of());
        liuke = Liuke.open(TestStores.onTestEngine(config), new MutableClock(NOW));
        other = Database.open(liuke.config().store());
    }

    @AfterEach
    void stop() {
        if (liuke != null) {
            other.close();
            liuke.close();
        }
    }

    @Test
    void theLastCodeOfAnOfferGoesToOneCustomerOnly() throws Exception {
        var offer = new Offer("last-one", "最后一张", "八折券", List.of(), List.of(), "", null, null, null, 1, 1, true, null,
                true, true);
        liuke.database().useTransaction(handle -> liuke.offers().catalog().create(handle, offer, NOW));
        long first = customer("13800000001");
        long second = customer("13800000002");

        Offers offers = liuke.offers();
        var outcomes = firstHoldsSecondWaits(
                handle -> offers.claim(handle, offer, first, "test", NOW),
                handle -> offers.claim(handle, offer, second, "test", NOW));

        assertTrue(outcomes.first().given());
        assertEquals(Offers.Refusal.OUT_OF_STOCK, outcomes.second().refusal());
        assertEquals(1, count("SELECT count(*) FROM offer_code WHERE offer_id = 'last-one'"));
    }

    @Test
    void twoDeductionsCannotBothSpendTheSamePoints() throws Exception {
        long customer = customer("13800000003");
        var points = new PointsLedger(liuke.config().points());
        liuke.database().useTransaction(handle -> points.adjust(handle, customer, 50, "开卡礼", null, NOW));

        var failure = assertThrows(ExecutionException.class, () -> firstHoldsSecondWaits(
                handle -> { points.adjust(handle, customer, -30, "兑换毛巾", null, NOW); return null; },
                handle -> { points.adjust(handle, customer, -30, "兑换雨伞", null, NOW); return null; }));

        assertTrue(failure.getCause() instanceof InvalidInput, failure.toString());
        assertEquals(20, count("SELECT points_balance FROM customer WHERE id = " + customer));
        assertEquals(20, count("SELECT sum(delta) FROM points_entry WHERE customer_id = " + customer));
    }

    private record Both<A, B>(A first, B second) {
    }

    /**
     * Runs {@code first} in a transaction that stays open until {@code second}, in a transaction of the
     * other instance, either has finished or waits for a lock; then both commit. A failure of the second comes out
     * as the {@link ExecutionException} of its future.
     */
    private <A, B> Both<A, B> firstHoldsSecondWaits(Database.Work<A> first, Database.Work<B> second) throws Exception {
        var decided = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Future<A> one = CompletableFuture.supplyAsync(() -> liuke.database().transaction(handle -> {
            A result = first.run(handle);
            decided.countDown();
            await(release);
            return result;
        }));
        assertTrue(decided.await(10, TimeUnit.SECONDS), "the first transaction did not decide");
        Future<B> two = CompletableFuture.supplyAsync(() -> other.transaction(second));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!two.isDone() && waitingForALock() == 0) {
            assertTrue(System.nanoTime() < deadline, "the second transaction neither finished nor waited");
            Thread.sleep(5);
        }
        boolean finishedWhileFirstOpen = two.isDone();
        release.countDown();
        A firstResult = one.get(10, TimeUnit.SECONDS);
        assertFalse(finishedWhileFirstOpen && !isFailure(two), "the second transaction did not wait for the first");
        return new Both<>(firstResult, two.get(10, TimeUnit.SECONDS));
    }

    private static boolean isFailure(Future<?> future) {
        try {
            future.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private long waitingForALock() {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    }

    private long count(String sql) {
        return liuke.database().read(handle -> handle.queryLong(sql));
    }

    private long customer(String phone) {
        return liuke.customers().upsert(CustomerDraft.empty().withName("客户" + phone).withPhone(phone)).customerId();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
