package app.liuke.tier;

import java.time.Instant;

/** One line of a customer's points ledger; {@code kind} is purchase, adjustment or expiry. */
public record PointsEntry(long id, long customerId, long delta, String kind, String reason, Long purchaseId,
                          Long staffId, String staffName, Instant createdAt, Instant expiresAt) {
}
