package app.liuke.offer;

import app.liuke.store.Handle;
import app.liuke.store.RowMapper;
import app.liuke.tier.Segment;
import app.liuke.tier.ShopDays;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Offers for one customer: which they may have, handing out personal codes (within the per-customer
 * limit and the stock), and the codes they hold. Stateless; runs in the caller's transaction.
 */
public final class Offers {
    private final OfferCatalog catalog;
    private final ShopDays days;

    public Offers(OfferCatalog catalog, ShopDays days) {
        this.catalog = catalog;
        this.days = days;
    }

    public OfferCatalog catalog() {
        return catalog;
    }

    /** An offer a customer can use now: their personal code (or the shop's shared code) and when it lapses (null: never). */
    public record Held(Offer offer, String code, Instant expiresAt) {
        public String shownCode() {
            return OfferCodes.display(code);
        }
    }

    /** Why a customer cannot have an offer. */
    public enum Refusal { NOT_RUNNING, NOT_ELIGIBLE, USED_UP, OUT_OF_STOCK }

    /** The outcome of asking for an offer: a code to use, or the reason why not. */
    public record Claim(Held held, boolean isNew, Refusal refusal) {
        static Claim given(Held held, boolean isNew) {
            return new Claim(held, isNew, null);
        }

        static Claim refused(Refusal refusal) {
            return new Claim(null, false, refusal);
        }

        public boolean given() {
            return held != null;
        }
    }

    /**
     * The customer's current offers: the listed offers they may have (a personal code is handed out
     * now when they have none) and any other unused, unexpired code they were given.
     */
    public List<Held> current(Handle handle, long customerId, Instant now) {
        var held = new LinkedHashMap<String, Held>();
        for (Offer offer : catalog.all(handle)) {
            if (offer.listed()) {
                Claim claim = claim(handle, offer, customerId, "offers", now);
                if (claim.given()) {
                    held.put(offer.id(), claim.held());
                }
            }
        }
        for (Held code : heldCodes(handle, customerId, now)) {
            held.putIfAbsent(code.offer().id(), code);
        }
        return new ArrayList<>(held.values());
    }

    /** Gives the customer {@code offer} if they may have it: their unused code, a new one, or the shared code. */
    public Claim claim(Handle handle, Offer offer, long customerId, String via, Instant now) {
        if (!offer.runsOn(today(now))) {
            return Claim.refused(Refusal.NOT_RUNNING);
        }
        if (!eligible(handle, offer, customerId, now)) {
            return Claim.refused(Refusal.NOT_ELIGIBLE);
        }
        // Counting and then writing: a second claim of the same stock (or the same customer's allowance) waits for this one.
        handle.lock(offer.stock() != null ? "offer:" + offer.id() : "offer:" + offer.id() + ":" + customerId);
        long used = handle.queryLong("SELECT count(*) FROM offer_redemption WHERE offer_id = :offer AND customer_id = :customer",
                "offer", offer.id(), "customer", customerId);
        if (used >= offer.perCustomer()) {
            return Claim.refused(Refusal.USED_UP);
        }
        if (!offer.personal()) {
            boolean stockLeft = offer.stock() == null || handle.queryLong(
                    "SELECT count(*) FROM offer_redemption WHERE offer_id = :offer", "offer", offer.id()) < offer.stock();
            return stockLeft ? Claim.given(new Held(offer, offer.code(), endOf(offer.validUntil())), false)
                    : Claim.refused(Refusal.OUT_OF_STOCK);
        }
        Optional<Held> unused = heldCodes(handle, customerId, now).stream()
                .filter(code -> code.offer().id().equals(offer.id())).findFirst();
        if (unused.isPresent()) {
            return Claim.given(unused.get(), false);
        }
        if (offer.stock() != null && handle.queryLong("SELECT count(*) FROM offer_code WHERE offer_id = :offer",
                "offer", offer.id()) >= offer.stock()) {
            return Claim.refused(Refusal.OUT_OF_STOCK);
        }
        return Claim.given(issue(handle, offer, customerId, via, now), true);
    }

    /** Whether the customer fits the offer's tiers, stages and segment now. */
    public boolean eligible(Handle handle, Offer offer, long customerId, Instant now) {
        Segment segment = Segment.parse(offer.eligibility(), days, now);
        Object[] pairs = segment.pairs();
        Object[] params = java.util.Arrays.copyOf(pairs, pairs.length + 2);
        params[pairs.length] = "offerCustomer";
        params[pairs.length + 1] = customerId;
        return handle.queryLong("SELECT count(*) FROM customer c WHERE c.id = :offerCustomer AND (" + segment.where() + ")",
                params) > 0;
    }

    /** A new personal code; it lapses at the end of the offer or after the offer's code days, whichever is first. */
    private Held issue(Handle handle, Offer offer, long customerId, String via, Instant now) {
        Instant expires = endOf(offer.validUntil());
        if (offer.codeValidDays() != null) {
            Instant byDays = endOf(today(now).plusDays(offer.codeValidDays() - 1L));
            expires = expires == null || byDays.isBefore(expires) ? byDays : expires;
        }
        while (true) {
            String code = OfferCodes.newCode();
            int inserted = handle.update("""
                    INSERT INTO offer_code (code, offer_id, customer_id, issued_at, expires_at, issued_via)
                    VALUES (:code, :offer, :customer, :now, :expires, :via) ON CONFLICT (code) DO NOTHING""",
                    "code", code, "offer", offer.id(), "customer", customerId, "now", now.getEpochSecond(),
                    "expires", expires == null ? null : expires.getEpochSecond(), "via", via);
            if (inserted == 1) {
                return new Held(offer, code, expires);
            }
        }
    }

    /** Codes the customer holds that are unused, unexpired and of an offer still running. */
    private List<Held> heldCodes(Handle handle, long customerId, Instant now) {
        LocalDate today = today(now);
        var rows = handle.query("""
                SELECT k.offer_id, k.code, k.expires_at FROM offer_code k
                WHERE k.customer_id = :customer AND (k.expires_at IS NULL OR k.expires_at > :now)
                  AND NOT EXISTS (SELECT 1 FROM offer_redemption r WHERE r.code_id = k.id)
                ORDER BY k.issued_at, k.id""",
                row -> new Object[] {row.getString(1), row.getString(2), RowMapper.longOrNull(row, 3)},
                "customer", customerId, "now", now.getEpochSecond());
        var held = new ArrayList<Held>();
        for (Object[] row : rows) {
            catalog.find(handle, (String) row[0]).filter(offer -> offer.runsOn(today)).ifPresent(offer -> held.add(
                    new Held(offer, (String) row[1], row[2] == null ? null : Instant.ofEpochSecond(((Number) row[2]).longValue()))));
        }
        return held;
    }

    LocalDate today(Instant now) {
        return LocalDate.ofEpochDay(days.dayNumber(now));
    }

    /** The instant after the last moment of {@code day} (shop time), or null for no day. */
    Instant endOf(LocalDate day) {
        return day == null ? null : days.startOfDay(day.toEpochDay() + 1);
    }
}
