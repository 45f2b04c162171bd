package app.liuke.customer;

import java.time.Instant;
import java.util.List;

/** A recorded sale. */
public record Purchase(long id, Long customerId, Instant purchasedAt, long amountCents, List<String> items,
                       String store, Long staffId, String staffName, String ref) {
    public Purchase {
        items = List.copyOf(items);
    }
}
