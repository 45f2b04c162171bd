package app.liuke.tier;

import app.liuke.store.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads classification state, history and counts; writes overrides. Stateless. */
public final class ClassificationStore {
    static final String SEPARATOR = "\u001f";

    public Optional<ClassificationCard> card(Handle handle, long customerId) {
        return handle.queryOne("SELECT * FROM customer WHERE id = :id", ClassificationStore::card, "id", customerId);
    }

    public List<ClassificationChange> history(Handle handle, long customerId, int limit) {
        return handle.query("""
                SELECT * FROM classification_change WHERE customer_id = :id ORDER BY changed_at DESC, id DESC LIMIT :limit""",
                row -> new ClassificationChange(row.getString("kind"), row.getString("from_value"), row.getString("to_value"),
                        Instant.ofEpochSecond(row.getLong("changed_at")), row.getString("reason"), args(row.getString("reason_args"))),
                "id", customerId, "limit", limit);
    }

    public void setOverride(Handle handle, long customerId, TierOverride override, Instant now) {
        var previous = handle.queryOne("SELECT tier_override FROM customer WHERE id = :id", row -> row.getString(1), "id", customerId);
        handle.update("""
                UPDATE customer SET tier_override = :tier, tier_override_by = :by, tier_override_reason = :reason,
                                    tier_override_until = :until
                WHERE id = :id""",
                "tier", override.tier() == null ? null : override.tier().name(), "by", override.tier() == null ? null : override.by(),
                "reason", override.reason(), "until", override.until() == null ? null : override.until().getEpochSecond(),
                "id", customerId);
        handle.insert("""
                INSERT INTO classification_change (customer_id, kind, from_value, to_value, changed_at, reason, reason_args)
                VALUES (:id, 'override', :from, :to, :now, :reason, :args)""",
                "id", customerId, "from", previous.orElse(null), "to", override.tier() == null ? null : override.tier().name(),
                "now", now.getEpochSecond(), "reason", override.tier() == null ? "override_cleared" : "override_set",
                "args", String.join(SEPARATOR, override.by(), override.reason() == null ? "" : override.reason(),
                        override.until() == null ? "" : String.valueOf(override.until().getEpochSecond())));
    }

    /** Customers by tier and stage, among those the segment selects. */
    public Map<String, Map<String, Long>> counts(Handle handle, Segment segment) {
        var counts = new LinkedHashMap<String, Map<String, Long>>();
        for (Tier tier : Tier.values()) {
            var byStage = new LinkedHashMap<String, Long>();
            for (Stage stage : Stage.values()) {
                byStage.put(stage.code(), 0L);
            }
            counts.put(tier.name(), byStage);
        }
        handle.stream("SELECT c.tier, c.stage, count(*) FROM customer c WHERE " + segment.where() + " GROUP BY c.tier, c.stage",
                row -> new Object[]{row.getString(1), row.getString(2), row.getLong(3)},
                cell -> counts.get((String) cell[0]).put((String) cell[1], (Long) cell[2]), segment.pairs());
        return counts;
    }

    static List<String> args(String joined) {
        return joined == null ? List.of() : List.of(joined.split(SEPARATOR, -1));
    }

    private static ClassificationCard card(ResultSet row) throws SQLException {
        String override = row.getString("tier_override");
        String dropTo = row.getString("tier_drop_to");
        return new ClassificationCard(Tier.valueOf(row.getString("tier")), instant(row, "tier_since"),
                row.getString("tier_reason"), args(row.getString("tier_reason_args")),
                override == null ? null : Tier.valueOf(override), row.getString("tier_override_by"),
                row.getString("tier_override_reason"), instant(row, "tier_override_until"),
                instant(row, "tier_drop_at"), dropTo == null ? null : Tier.valueOf(dropTo), row.getString("tier_drop_reason"),
                Stage.parse(row.getString("stage")), instant(row, "stage_since"), row.getLong("points_balance"),
                integer(row, "rfm_r"), integer(row, "rfm_f"), integer(row, "rfm_m"),
                instant(row, "last_purchase_at"), instant(row, "last_visit_at"), instant(row, "last_group_activity_at"),
                row.getInt("purchase_count"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochSecond(value);
    }

    private static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
