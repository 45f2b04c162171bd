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

    /**
     * Reclassifies one customer (after a purchase, visit, merge …). Like every method here, returns how
     * many customers' classification (tier, stage, reason or next drop) changed.
     */
    public int classify(Handle handle, long customerId, Instant now) {
        Object[] parameters = rules.parameters(now, "id", customerId);
        handle.update(String.format(ClassificationSql.RECENT_MARK, "id = :id"), parameters);
        return run(handle, "id = :id", parameters);
    }

    /** Reclassifies the given customers set-based (a batch of an import). */
    public int classify(Handle handle, java.util.Collection<Long> customerIds, Instant now) {
        if (customerIds.size() == 1) {
            return classify(handle, customerIds.iterator().next(), now);
        }
        handle.execute("CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY)");
        handle.execute("DELETE FROM touched");
        for (long id : customerIds) {
            handle.update("INSERT OR IGNORE INTO touched (id) VALUES (:id)", "id", id);
        }
        String filter = "id IN (SELECT id FROM touched)";
        Object[] parameters = rules.parameters(now);
        handle.update(String.format(ClassificationSql.RECENT_MARK, filter), parameters);
        int changes = run(handle, filter, parameters);
        handle.execute("DELETE FROM touched");
        return changes;
    }

    /** What a sweep looked at and changed. */
    public record Swept(int looked, int changed) {
    }

    /**
     * The daily sweep: applies the time rules to the customers whose {@code classify_day} has come
     * (worked out at each classification: the first day time alone may change them), or everyone when
     * {@code everyone} is set or the rules changed since the last sweep. Every other change to what a
     * classification reads (a purchase, a visit, points, an override, a merge) reclassifies its customer
     * at once; the sweep's own point expiries mark theirs.
     */
    public Swept sweep(Handle handle, Instant now, boolean everyone) {
        Object[] parameters = rules.parameters(now);
        String k = String.valueOf(rules.config().aMinPurchasesInWindow());
        if (!k.equals(setting(handle, "recentPurchaseMarkK"))) {
            handle.update(String.format(ClassificationSql.RECENT_MARK, "1 = 1"), parameters);
            saveSetting(handle, "recentPurchaseMarkK", k);
        }
        String fingerprint = rules.config() + " " + rules.days().zone().getId();
        String filter = everyone || !fingerprint.equals(setting(handle, "sweepRules")) ? "1 = 1" : ClassificationSql.DUE;
        int looked = (int) handle.queryLong("SELECT count(*) FROM customer WHERE " + filter, parameters);
        int changed = run(handle, filter, parameters);
        saveSetting(handle, "sweepRules", fingerprint);
        return new Swept(looked, changed);
    }

    private static String setting(Handle handle, String name) {
        return handle.queryOne("SELECT value FROM classification_setting WHERE name = :name", row -> row.getString(1), "name", name)
                .orElse(null);
    }

    private static void saveSetting(Handle handle, String name, String value) {
        handle.update("""
                INSERT INTO classification_setting (name, value) VALUES (:name, :value)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value""", "name", name, "value", value);
    }

    private int run(Handle handle, String filter, Object[] parameters) {
        handle.update(String.format(ClassificationSql.EXPIRED_OVERRIDES_LOG, filter), parameters);
        handle.update(String.format(ClassificationSql.EXPIRED_OVERRIDES_CLEAR, filter), parameters);
        handle.execute(ClassificationSql.TEMP_TABLE);
        handle.execute("DELETE FROM classified");
        handle.update(String.format(ClassificationSql.CLASSIFY, filter), parameters);
        handle.update(ClassificationSql.RECORD_TIER_CHANGES, parameters);
        handle.update(ClassificationSql.RECORD_STAGE_CHANGES, parameters);
        int reclassified = handle.update(ClassificationSql.APPLY, parameters);
        handle.execute("DELETE FROM classified");
        return reclassified;
    }
}
