package app.liuke.tier;

import java.time.Duration;

/**
 * What a sweep did: customers in the archive, customers it looked at (whose time rules fell due, or
 * all), customers whose classification changed, RFM scores changed, point expiries.
 */
public record SweepReport(long customers, int looked, int reclassified, int rfmChanged, int pointExpiries, Duration took) {
}
