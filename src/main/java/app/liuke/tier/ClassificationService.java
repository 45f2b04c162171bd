package app.liuke.tier;

import app.liuke.shared.InvalidInput;
import app.liuke.shared.NotFound;
import app.liuke.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Classification for the edges (API, CLI, scheduler): the sweep, manual overrides, point
 * adjustments, and reading where a customer stands and why. Each call is one transaction. Thread-safe.
 */
public final class ClassificationService {
    private final Database database;
    private final Classifier classifier;
    private final PointsLedger points;
    private final ClassificationStore store = new ClassificationStore();
    private final RfmScores rfm = new RfmScores();
    private final Clock clock;

    public ClassificationService(Database database, Classifier classifier, PointsLedger points, Clock clock) {
        this.database = database;
        this.classifier = classifier;
        this.points = points;
        this.clock = clock;
    }

    /**
     * The daily sweep: expires due points, applies the time rules to the customers whose day for them
     * has come (see {@link Classifier#sweep}) and recomputes RFM, all or nothing.
     */
    public SweepReport sweep() {
        return sweep(false);
    }

    /** As {@link #sweep()}, but looks at every customer ({@code liuke classify}). */
    public SweepReport sweepEveryone() {
        return sweep(true);
    }

    private SweepReport sweep(boolean everyone) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        return database.transaction(handle -> {
            int expired = points.expireDue(handle, now);
            var swept = classifier.sweep(handle, now, everyone);
            int rfmChanged = rfm.recompute(handle);
            long customers = handle.queryLong("SELECT count(*) FROM customer");
            return new SweepReport(customers, swept.looked(), swept.changed(), rfmChanged, expired,
                    Duration.ofNanos(System.nanoTime() - started));
        });
    }

    public ClassificationCard card(long customerId) {
        return database.read(handle -> store.card(handle, customerId))
                .orElseThrow(() -> new NotFound("id", "error.customer.notFound", customerId));
    }

    /** Inside the caller's transaction. */
    public ClassificationCard card(app.liuke.store.Handle handle, long customerId) {
        return store.card(handle, customerId).orElseThrow(() -> new NotFound("id", "error.customer.notFound", customerId));
    }

    public List<ClassificationChange> history(long customerId, int limit) {
        card(customerId);
        return database.read(handle -> store.history(handle, customerId, limit));
    }

    /** Names the tier by hand (or returns to the rules) and reclassifies at once. */
    public ClassificationCard override(long customerId, TierOverride override) {
        Instant now = clock.instant();
        if (override.until() != null && !override.until().isAfter(now)) {
            throw new InvalidInput("until", "error.override.until");
        }
        database.useTransaction(handle -> override(handle, customerId, override, now));
        return card(customerId);
    }

    /** Inside the caller's transaction; returns the card after reclassifying. */
    public ClassificationCard override(app.liuke.store.Handle handle, long customerId, TierOverride override, Instant now) {
        card(handle, customerId);
        store.setOverride(handle, customerId, override, now);
        classifier.classify(handle, customerId, now);
        return card(handle, customerId);
    }

    public List<PointsEntry> pointsEntries(long customerId, int limit) {
        card(customerId);
        return database.read(handle -> points.entries(handle, customerId, limit));
    }

    /** A manual points change with its reason; the tier follows at once. */
    public ClassificationCard adjustPoints(long customerId, long delta, String reason, Long staffId) {
        Instant now = clock.instant();
        database.useTransaction(handle -> {
            if (store.card(handle, customerId).isEmpty()) {
                throw new NotFound("id", "error.customer.notFound", customerId);
            }
            points.adjust(handle, customerId, delta, reason, staffId, now);
            classifier.classify(handle, customerId, now);
        });
        return card(customerId);
    }

    public Map<String, Map<String, Long>> counts(Segment segment) {
        return database.read(handle -> store.counts(handle, segment));
    }
}
