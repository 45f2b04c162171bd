package app.liuke.outbox;

import java.util.function.LongSupplier;

/**
 * A token bucket on a monotonic nanosecond ticker: {@code capacity} tokens, refilled at
 * {@code perSecond}. Pacing uses the ticker, not the shop clock: it measures real sending speed,
 * which a test that moves the shop clock must not change. Not thread-safe (the dispatcher owns it).
 */
final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private final LongSupplier ticker;
    private double tokens;
    private long last;

    TokenBucket(double capacity, double perSecond, LongSupplier ticker) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.ticker = ticker;
        this.tokens = capacity;
        this.last = ticker.getAsLong();
    }

    private void refill() {
        long now = ticker.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }

    /** Takes a token if there is one. */
    boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Nanoseconds until a token will be there (0: now). */
    long nanosUntilToken() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }
}
