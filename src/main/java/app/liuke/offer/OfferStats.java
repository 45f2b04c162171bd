package app.liuke.offer;

import app.liuke.store.Handle;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an offer is doing: codes handed out, redemptions (in total, by distinct customers, by store,
 * with a purchase), codes still open and lapsed, and the stock left (null: unlimited).
 */
public record OfferStats(long codesIssued, long redeemed, long customers, long withPurchase, long openCodes,
                         long expiredCodes, Long stockLeft, Map<String, Long> redeemedByStore) {

    public static OfferStats of(Handle handle, Offer offer, Instant now) {
        String id = offer.id();
        long issued = handle.queryLong("SELECT count(*) FROM offer_code WHERE offer_id = :id", "id", id);
        long redeemed = handle.queryLong("SELECT count(*) FROM offer_redemption WHERE offer_id = :id", "id", id);
        long customers = handle.queryLong("SELECT count(DISTINCT customer_id) FROM offer_redemption WHERE offer_id = :id", "id", id);
        long withPurchase = handle.queryLong(
                "SELECT count(*) FROM offer_redemption WHERE offer_id = :id AND purchase_id IS NOT NULL", "id", id);
        String unused = "SELECT count(*) FROM offer_code k WHERE k.offer_id = :id"
                + " AND NOT EXISTS (SELECT 1 FROM offer_redemption r WHERE r.code_id = k.id) AND ";
        long open = handle.queryLong(unused + "(k.expires_at IS NULL OR k.expires_at > :now)", "id", id, "now", now.getEpochSecond());
        long expired = handle.queryLong(unused + "k.expires_at <= :now", "id", id, "now", now.getEpochSecond());
        Long stockLeft = offer.stock() == null ? null : Math.max(0, offer.stock() - (offer.personal() ? issued : redeemed));
        var byStore = new LinkedHashMap<String, Long>();
        handle.query("SELECT COALESCE(store, '-'), count(*) FROM offer_redemption WHERE offer_id = :id GROUP BY 1 ORDER BY 2 DESC, 1",
                row -> byStore.put(row.getString(1), row.getLong(2)), "id", id);
        return new OfferStats(issued, redeemed, customers, withPurchase, open, expired, stockLeft, byStore);
    }
}
