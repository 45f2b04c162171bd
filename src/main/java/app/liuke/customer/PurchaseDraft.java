package app.liuke.customer;

import app.liuke.shared.InvalidInput;
import java.time.Instant;
import java.util.List;

/**
 * A sale to record. The customer is given by id or by phone; with neither, the sale is anonymous
 * (it still counts for the registration rate). {@code ref} (receipt or order number) makes
 * recording the same sale twice impossible.
 */
public record PurchaseDraft(Long customerId, String phone, Instant purchasedAt, long amountCents, List<String> items,
                            String store, Long staffId, String ref) {
    public static final int MAX_ITEMS = 50;

    public PurchaseDraft {
        items = items == null ? List.of() : items.stream()
                .map(item -> CustomerDraft.text("items", item, 100))
                .filter(item -> item != null)
                .toList();
        if (items.size() > MAX_ITEMS) {
            throw new InvalidInput("items", "error.items.tooMany", MAX_ITEMS);
        }
        store = CustomerDraft.text("store", store, 64);
        ref = CustomerDraft.text("ref", ref, 64);
        phone = CustomerDraft.text("phone", phone, 32);
        if (amountCents <= 0 || amountCents > Money.MAX_CENTS) {
            throw new InvalidInput("amount", "error.amount.range", Money.format(amountCents));
        }
    }
}
