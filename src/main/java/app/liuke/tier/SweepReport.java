package app.liuke.tier;

import java.time.Duration;

/** What a sweep did: customers classified, tier and stage changes, RFM scores changed, point expiries. */
public record SweepReport(long customers, int changes, int rfmChanged, int pointExpiries, Duration took) {
}
