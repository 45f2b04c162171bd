package app.liuke.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls with a deadline (tests never sleep and hope): the fake APIs wait for the calls they record this way. */
public final class Await {
    private Await() {
    }

    /** The first snapshot of {@code calls} for which {@code condition} holds, within 10 seconds; else an AssertionError. */
    public static <T> List<T> calls(Supplier<List<T>> calls, Predicate<List<T>> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<T> snapshot = List.copyOf(calls.get());
            if (condition.test(snapshot)) {
                return snapshot;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; calls: " + calls.get());
    }
}
