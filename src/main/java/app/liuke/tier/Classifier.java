package app.liuke.tier;

import app.liuke.store.Handle;
import java.time.Instant;

/**
 * Applies {@link ClassificationSql} to one customer or to everyone, records every tier and stage
 * change with its reason, and clears expired manual overrides. Runs inside the caller's
 * transaction. Stateless apart from the rules; thread-safe.
 */
public final class Classifier {
    private final ClassificationRules rules;

    public Classifier(ClassificationRules rules) {
        this.rules = rules;
    }

    public ClassificationRules rules() {
        return rules;
    }

    /** Reclassifies one customer; returns the number of tier or stage changes (0, 1 or 2). */
    public int classify(Handle handle, long customerId, Instant now) {
        return run(handle, "id = :id", rules.parameters(now, "id", customerId));
    }

    /** Reclassifies every customer in set-based SQL; returns the number of tier and stage changes. */
    public int classifyAll(Handle handle, Instant now) {
        return run(handle, "1 = 1", rules.parameters(now));
    }

    private int run(Handle handle, String filter, Object[] parameters) {
        handle.update(String.format(ClassificationSql.EXPIRED_OVERRIDES_LOG, filter), parameters);
        handle.update(String.format(ClassificationSql.EXPIRED_OVERRIDES_CLEAR, filter), parameters);
        handle.execute(ClassificationSql.TEMP_TABLE);
        handle.execute("DELETE FROM classified");
        handle.update(String.format(ClassificationSql.CLASSIFY, filter), parameters);
        int changes = handle.update(ClassificationSql.RECORD_TIER_CHANGES, parameters)
                + handle.update(ClassificationSql.RECORD_STAGE_CHANGES, parameters);
        handle.update(ClassificationSql.APPLY, parameters);
        handle.execute("DELETE FROM classified");
        return changes;
    }
}
