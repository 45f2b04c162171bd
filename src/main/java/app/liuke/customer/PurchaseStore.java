package app.liuke.customer;

import app.liuke.store.RowMapper;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code purchase} table and the aggregates it feeds. Stateless. */
public final class PurchaseStore {
    private static final String ITEM_SEPARATOR = "\n";
    private static final String SELECT = """
            SELECT p.*, s.name AS staff_name FROM purchase p LEFT JOIN staff s ON s.id = p.staff_id
            """;

    /** Inserts the sale and updates the customer's count, total, first and last purchase in the same transaction. */
    public long insert(Handle handle, Long customerId, PurchaseDraft draft, Instant purchasedAt, Instant now) {
        long id = handle.insert("""
                INSERT INTO purchase (customer_id, purchased_at, amount_cents, items, store, staff_id, external_ref, created_at)
                VALUES (:customer, :at, :amount, :items, :store, :staff, :ref, :now)""",
                "customer", customerId, "at", purchasedAt.getEpochSecond(), "amount", draft.amountCents(),
                "items", draft.items().isEmpty() ? null : String.join(ITEM_SEPARATOR, draft.items()),
                "store", draft.store(), "staff", draft.staffId(), "ref", draft.ref(), "now", now.getEpochSecond());
        if (customerId != null) {
            handle.update("""
                    UPDATE customer SET
                      purchase_count = purchase_count + 1,
                      purchase_total_cents = purchase_total_cents + :amount,
                      first_purchase_at = min(COALESCE(first_purchase_at, :at), :at),
                      last_purchase_at = max(COALESCE(last_purchase_at, :at), :at),
                      updated_at = :now
                    WHERE id = :customer""",
                    "amount", draft.amountCents(), "at", purchasedAt.getEpochSecond(), "now", now.getEpochSecond(),
                    "customer", customerId);
        }
        return id;
    }

    public Optional<Purchase> byRef(Handle handle, String ref) {
        return handle.queryOne(SELECT + " WHERE p.external_ref = :ref", PurchaseStore::map, "ref", ref);
    }

    public Optional<Purchase> byId(Handle handle, long id) {
        return handle.queryOne(SELECT + " WHERE p.id = :id", PurchaseStore::map, "id", id);
    }

    public List<Purchase> recent(Handle handle, long customerId, int limit) {
        return handle.query(SELECT + " WHERE p.customer_id = :customer ORDER BY p.purchased_at DESC, p.id DESC LIMIT :limit",
                PurchaseStore::map, "customer", customerId, "limit", limit);
    }

    private static Purchase map(java.sql.ResultSet row) throws java.sql.SQLException {
        String items = row.getString("items");
        return new Purchase(row.getLong("id"), RowMapper.longOrNull(row, "customer_id"),
                CustomerStore.instant(row, "purchased_at"), row.getLong("amount_cents"),
                items == null ? List.of() : Arrays.asList(items.split(ITEM_SEPARATOR)),
                row.getString("store"), RowMapper.longOrNull(row, "staff_id"), row.getString("staff_name"),
                row.getString("external_ref"));
    }
}
