package app.liuke.tier;

import app.liuke.config.LiukeConfig;
import app.liuke.shared.InvalidInput;
import app.liuke.store.Handle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The points ledger (积分). The balance on the customer row is always the sum of the ledger: every
 * write changes both in the same transaction. Expiry is first-in, first-out: deductions use up the
 * oldest points first, and the sweep expires what is left of each lot when it is due. Stateless.
 */
public final class PointsLedger {
    private static final String SELECT = """
            SELECT e.*, s.name AS staff_name FROM points_entry e LEFT JOIN staff s ON s.id = e.staff_id
            """;
    private final LiukeConfig.Points config;

    public PointsLedger(LiukeConfig.Points config) {
        this.config = config;
    }

    /** Points earned by a purchase: one per {@code yuanPerPoint} yuan, counted from the purchase's own date. */
    public long earn(Handle handle, long customerId, long purchaseId, long amountCents, Instant purchasedAt) {
        long points = amountCents / (config.yuanPerPoint() * 100L);
        if (points > 0) {
            Instant expires = config.expireAfterDays() > 0 ? purchasedAt.plus(Duration.ofDays(config.expireAfterDays())) : null;
            write(handle, customerId, points, "purchase", String.valueOf(amountCents), purchaseId, null, purchasedAt, expires);
        }
        return points;
    }

    /** A manual change by staff, with the reason; the balance may not go below zero. */
    public void adjust(Handle handle, long customerId, long delta, String reason, Long staffId, Instant now) {
        if (delta == 0 || Math.abs(delta) > 1_000_000) {
            throw new InvalidInput("delta", "error.points.delta");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "error.points.reason");
        }
        handle.lock("points:" + customerId);          // two deductions at once cannot both see the same balance
        long balance = balance(handle, customerId);
        if (balance + delta < 0) {
            throw new InvalidInput("delta", "error.points.negative", balance);
        }
        write(handle, customerId, delta, "adjustment", reason.strip(), null, staffId, now, null);
    }

    public long balance(Handle handle, long customerId) {
        return handle.queryLong("SELECT points_balance FROM customer WHERE id = :id", "id", customerId);
    }

    public List<PointsEntry> entries(Handle handle, long customerId, int limit) {
        return handle.query(SELECT + " WHERE e.customer_id = :id ORDER BY e.created_at DESC, e.id DESC LIMIT :limit",
                PointsLedger::map, "id", customerId, "limit", limit);
    }

    /** Expires every lot that is due, for everyone; returns the number of customers whose points expired. */
    public int expireDue(Handle handle, Instant now) {
        if (config.expireAfterDays() == 0) {
            return 0;
        }
        int customers = handle.update("""
                INSERT INTO points_entry (customer_id, delta, kind, reason, created_at)
                SELECT customer_id, -(max(0, earned_due - spent) - expired), 'expiry', 'expired', :now
                FROM (
                  SELECT customer_id,
                    sum(CASE WHEN delta > 0 AND expires_at <= :now THEN delta ELSE 0 END) AS earned_due,
                    -sum(CASE WHEN delta < 0 AND kind <> 'expiry' THEN delta ELSE 0 END) AS spent,
                    -sum(CASE WHEN kind = 'expiry' THEN delta ELSE 0 END) AS expired
                  FROM points_entry
                  WHERE customer_id IN (SELECT customer_id FROM points_entry WHERE expires_at <= :now)
                  GROUP BY customer_id) due
                WHERE max(0, earned_due - spent) - expired > 0""", "now", now.getEpochSecond());
        handle.update("""
                UPDATE customer SET points_balance = (SELECT sum(delta) FROM points_entry e WHERE e.customer_id = customer.id),
                                    classify_day = NULL
                WHERE id IN (SELECT customer_id FROM points_entry WHERE kind = 'expiry' AND created_at = :now)""",
                "now", now.getEpochSecond());
        return customers;
    }

    /** After a merge: the ledger moved with the purchases, so the balance is summed again. */
    public void recomputeBalance(Handle handle, long customerId) {
        handle.update("""
                UPDATE customer SET points_balance = (SELECT COALESCE(sum(delta), 0) FROM points_entry WHERE customer_id = :id)
                WHERE id = :id""", "id", customerId);
    }

    private void write(Handle handle, long customerId, long delta, String kind, String reason, Long purchaseId,
                       Long staffId, Instant at, Instant expires) {
        handle.insert("""
                INSERT INTO points_entry (customer_id, delta, kind, reason, purchase_id, staff_id, created_at, expires_at)
                VALUES (:customer, :delta, :kind, :reason, :purchase, :staff, :at, :expires)""",
                "customer", customerId, "delta", delta, "kind", kind, "reason", reason, "purchase", purchaseId,
                "staff", staffId, "at", at.getEpochSecond(), "expires", expires == null ? null : expires.getEpochSecond());
        handle.update("UPDATE customer SET points_balance = points_balance + :delta WHERE id = :id",
                "delta", delta, "id", customerId);
    }

    private static PointsEntry map(java.sql.ResultSet row) throws java.sql.SQLException {
        long purchase = row.getLong("purchase_id");
        Long purchaseId = row.wasNull() ? null : purchase;
        long staff = row.getLong("staff_id");
        Long staffId = row.wasNull() ? null : staff;
        long expires = row.getLong("expires_at");
        Instant expiresAt = row.wasNull() ? null : Instant.ofEpochSecond(expires);
        return new PointsEntry(row.getLong("id"), row.getLong("customer_id"), row.getLong("delta"), row.getString("kind"),
                row.getString("reason"), purchaseId, staffId, row.getString("staff_name"),
                Instant.ofEpochSecond(row.getLong("created_at")), expiresAt);
    }
}
