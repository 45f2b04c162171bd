package app.liuke.simulate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** The simulation's clock: every service reads it, and only the simulation moves it. Thread-safe. */
final class SimClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    SimClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    void set(Instant when) {
        now = when;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new SimClock(now, other);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
