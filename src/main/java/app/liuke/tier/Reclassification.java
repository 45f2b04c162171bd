package app.liuke.tier;

import app.liuke.store.Handle;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The customers a unit of work touched, reclassified together before its transaction commits. A
 * single request flushes after its one change; a bulk import flushes once per batch, set-based.
 * Not thread-safe: one per transaction.
 */
public final class Reclassification {
    private final Classifier classifier;
    private final Set<Long> touched = new LinkedHashSet<>();

    public Reclassification(Classifier classifier) {
        this.classifier = classifier;
    }

    public void touch(long customerId) {
        touched.add(customerId);
    }

    /** Reclassifies every touched customer; returns how many customers' classification changed. */
    public int flush(Handle handle, Instant now) {
        if (touched.isEmpty()) {
            return 0;
        }
        int changes = classifier.classify(handle, touched, now);
        touched.clear();
        return changes;
    }
}
