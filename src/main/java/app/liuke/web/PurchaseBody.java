package app.liuke.web;

import app.liuke.customer.Money;
import app.liuke.customer.PurchaseDraft;
import app.liuke.shared.FlexibleDates;
import app.liuke.shared.InvalidInput;
import java.math.BigDecimal;
import java.util.List;

/** JSON body of {@code POST /api/purchases}. {@code date} is optional and may be in the past. */
record PurchaseBody(Long customerId, String phone, String date, BigDecimal amount, List<String> items, String store,
                    Long staffId, String ref) {

    PurchaseDraft toDraft(FlexibleDates dates) {
        if (amount == null) {
            throw new InvalidInput("amount", "error.amount.required");
        }
        return new PurchaseDraft(customerId, phone, date == null || date.isBlank() ? null : dates.parse("date", date),
                Money.cents(amount), items, store, staffId, ref);
    }
}
