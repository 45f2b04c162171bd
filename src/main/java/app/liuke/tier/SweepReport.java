package app.liuke.tier;

import java.time.Duration;

/** What a sweep did: customers in the archive, customers whose classification changed, RFM scores changed, point expiries. */
public record SweepReport(long customers, int reclassified, int rfmChanged, int pointExpiries, Duration took) {
}
