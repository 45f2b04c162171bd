package app.liuke.offer;

import app.liuke.store.Handle;
import app.liuke.store.RowMapper;
import java.time.Instant;
import java.util.Optional;

/**
 * Using an offer at the counter ({@code /redeem CODE}). A code is checked for existence, the offer
 * still running, expiry, the customer still fitting the offer, and prior use; a used code is refused
 * with when, where and by whom it was used. The unique code in {@code offer_redemption} makes sure
 * that of two staff redeeming one code at the same moment exactly one succeeds. Stateless; runs in
 * the caller's transaction.
 */
public final class Redemptions {
    private final Offers offers;

    public Redemptions(Offers offers) {
        this.offers = offers;
    }

    public enum Problem { UNKNOWN_CODE, NEEDS_CUSTOMER, WITHDRAWN, NOT_STARTED, ENDED, EXPIRED, NOT_ELIGIBLE, USED, USED_UP,
        OUT_OF_STOCK }

    /** An earlier use of the code. */
    public record Use(Instant at, String store, String staffName) {
    }

    /** Redeemed when {@code problem} is null; otherwise why not (and, for a used code, its earlier use). */
    public record Outcome(Problem problem, Offer offer, Long customerId, String code, Long redemptionId, Use earlier) {
        public boolean redeemed() {
            return problem == null;
        }

        static Outcome refused(Problem problem, Offer offer, Long customerId, String code, Use earlier) {
            return new Outcome(problem, offer, customerId, code, null, earlier);
        }
    }

    private record CodeRow(long id, String offerId, long customerId, Long expiresAt) {
    }

    /**
     * Redeems {@code typed}: a personal code, or a shop's shared code for {@code customerId}. The
     * staff member and store are recorded with the time.
     */
    public Outcome redeem(Handle handle, String typed, Long customerId, Long staffId, String store, Instant now) {
        String code = OfferCodes.normalize(typed);
        Optional<CodeRow> personal = code.isEmpty() ? Optional.empty() : handle.queryOne(
                "SELECT id, offer_id, customer_id, expires_at FROM offer_code WHERE code = :code",
                row -> new CodeRow(row.getLong(1), row.getString(2), row.getLong(3), RowMapper.longOrNull(row, 4)),
                "code", code);
        if (personal.isPresent()) {
            return redeemPersonal(handle, personal.get(), code, staffId, store, now);
        }
        Optional<Offer> shared = code.isEmpty() ? Optional.empty() : offers.catalog().bySharedCode(handle, code);
        if (shared.isEmpty()) {
            return Outcome.refused(Problem.UNKNOWN_CODE, null, null, code, null);
        }
        if (customerId == null) {
            return Outcome.refused(Problem.NEEDS_CUSTOMER, shared.get(), null, code, null);
        }
        return redeemShared(handle, shared.get(), customerId, code, staffId, store, now);
    }

    private Outcome redeemPersonal(Handle handle, CodeRow row, String code, Long staffId, String store, Instant now) {
        Offer offer = offers.catalog().find(handle, row.offerId()).orElseThrow();
        Optional<Use> earlier = handle.queryOne("""
                SELECT r.redeemed_at, r.store, s.name FROM offer_redemption r LEFT JOIN staff s ON s.id = r.staff_id
                WHERE r.code_id = :code""", Redemptions::use, "code", row.id());
        if (earlier.isPresent()) {
            return Outcome.refused(Problem.USED, offer, row.customerId(), code, earlier.get());
        }
        Problem problem = running(offer, now);
        if (problem == null && row.expiresAt() != null && row.expiresAt() <= now.getEpochSecond()) {
            problem = Problem.EXPIRED;
        }
        if (problem == null && !offers.eligible(handle, offer, row.customerId(), now)) {
            problem = Problem.NOT_ELIGIBLE;
        }
        if (problem != null) {
            return Outcome.refused(problem, offer, row.customerId(), code, null);
        }
        int inserted = handle.update("""
                INSERT INTO offer_redemption (offer_id, code_id, customer_id, staff_id, store, redeemed_at)
                VALUES (:offer, :code, :customer, :staff, :store, :now) ON CONFLICT (code_id) DO NOTHING""",
                "offer", offer.id(), "code", row.id(), "customer", row.customerId(), "staff", staffId, "store", store,
                "now", now.getEpochSecond());
        if (inserted == 0) {
            return redeemPersonal(handle, row, code, staffId, store, now);
        }
        long id = handle.queryLong("SELECT id FROM offer_redemption WHERE code_id = :code", "code", row.id());
        return new Outcome(null, offer, row.customerId(), code, id, null);
    }

    private Outcome redeemShared(Handle handle, Offer offer, long customerId, String code, Long staffId, String store,
                                 Instant now) {
        Problem problem = running(offer, now);
        if (problem == null) {
            Offers.Claim claim = offers.claim(handle, offer, customerId, "redeem", now);
            problem = claim.given() ? null : switch (claim.refusal()) {
                case NOT_ELIGIBLE -> Problem.NOT_ELIGIBLE;
                case USED_UP -> Problem.USED_UP;
                case OUT_OF_STOCK -> Problem.OUT_OF_STOCK;
                case NOT_RUNNING -> Problem.ENDED;
            };
        }
        if (problem != null) {
            return Outcome.refused(problem, offer, customerId, code, null);
        }
        long id = handle.insert("""
                INSERT INTO offer_redemption (offer_id, customer_id, staff_id, store, redeemed_at)
                VALUES (:offer, :customer, :staff, :store, :now)""",
                "offer", offer.id(), "customer", customerId, "staff", staffId, "store", store, "now", now.getEpochSecond());
        return new Outcome(null, offer, customerId, code, id, null);
    }

    private Problem running(Offer offer, Instant now) {
        var today = offers.today(now);
        if (!offer.active()) {
            return Problem.WITHDRAWN;
        }
        if (offer.validFrom() != null && today.isBefore(offer.validFrom())) {
            return Problem.NOT_STARTED;
        }
        return offer.validUntil() != null && today.isAfter(offer.validUntil()) ? Problem.ENDED : null;
    }

    /** Whether {@code typed} is an offer's shared code (which needs the customer named). */
    public boolean isSharedCode(Handle handle, String typed) {
        String code = OfferCodes.normalize(typed);
        return !code.isEmpty() && offers.catalog().bySharedCode(handle, code).isPresent();
    }

    /** The purchase recorded together with a redemption. */
    public void linkPurchase(Handle handle, long redemptionId, long purchaseId) {
        handle.update("UPDATE offer_redemption SET purchase_id = :purchase WHERE id = :id", "purchase", purchaseId, "id", redemptionId);
    }

    private static Use use(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Use(Instant.ofEpochSecond(row.getLong(1)), row.getString(2), row.getString(3));
    }
}
