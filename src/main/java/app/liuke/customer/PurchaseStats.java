package app.liuke.customer;

import java.time.Instant;

/** Per-customer purchase aggregates, kept current on every write. */
public record PurchaseStats(Instant first, Instant last, int count, long totalCents) {
}
