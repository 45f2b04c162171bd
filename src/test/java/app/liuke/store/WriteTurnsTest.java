package app.liuke.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A webhook's write goes before background work that was already waiting. */
class WriteTurnsTest {
    private final WriteTurns turns = new WriteTurns();
    private final List<String> order = new CopyOnWriteArrayList<>();

    @Test
    void anUrgentWriter_getsTheNextTurn_aheadOfAnEarlierBackgroundWriter() throws InterruptedException {
        turns.acquire(false);
        Thread background = writer("background", false);
        awaitTrue(() -> background.getState() == Thread.State.WAITING);
        Thread urgent = writer("urgent", true);
        awaitTrue(turns::urgentWaiting);

        turns.release();
        background.join(5_000);
        urgent.join(5_000);

        assertEquals(List.of("urgent", "background"), order);
        assertTrue(!turns.urgentWaiting());
    }

    @Test
    void theHolderMayTakeItsTurnAgain() {
        turns.acquire(false);
        turns.acquire(true);
        turns.release();
        turns.release();
        turns.acquire(false);
        turns.release();
    }

    private Thread writer(String name, boolean urgent) {
        var thread = new Thread(() -> {
            turns.acquire(urgent);
            order.add(name);
            turns.release();
        }, name);
        thread.start();
        return thread;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}
