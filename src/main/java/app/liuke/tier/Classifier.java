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

    /** Reclassifies one customer (after a purchase, visit, merge …); returns the number of tier or stage changes. */
    public int classify(Handle handle, long customerId, Instant now) {
        Object[] parameters = rules.parameters(now, "id", customerId);
        handle.update(String.format(ClassificationSql.RECENT_MARK, "id = :id"), parameters);
        return run(handle, "id = :id", parameters);
    }

    /**
     * Reclassifies every customer in set-based SQL; returns the number of tier and stage changes. The
     * stored recent-purchase marks are recomputed for everyone only when the rule they depend on changed.
     */
    public int classifyAll(Handle handle, Instant now) {
        Object[] parameters = rules.parameters(now);
        String k = String.valueOf(rules.config().aMinPurchasesInWindow());
        var stored = handle.queryOne("SELECT value FROM classification_setting WHERE name = 'recentPurchaseMarkK'",
                row -> row.getString(1));
        if (!stored.equals(java.util.Optional.of(k))) {
            handle.update(String.format(ClassificationSql.RECENT_MARK, "1 = 1"), parameters);
            handle.update("""
                    INSERT INTO classification_setting (name, value) VALUES ('recentPurchaseMarkK', :k)
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value""", "k", k);
        }
        return run(handle, "1 = 1", parameters);
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
