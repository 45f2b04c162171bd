package app.liuke.report;

/**
 * One line of a sales report. {@code registrationRate} = purchases by customers on file ÷ all
 * purchases; {@code repurchaseRate} = customers served who have bought at least twice by the end of
 * the period ÷ customers served. Rates are null when there is nothing to divide by.
 */
public record SalesRow(String key, long purchases, long salesCents, long customers, long onFile, Double registrationRate,
                       long repeatCustomers, Double repurchaseRate) {

    static SalesRow of(String key, long purchases, long salesCents, long customers, long onFile, long repeatCustomers) {
        return new SalesRow(key, purchases, salesCents, customers, onFile, rate(onFile, purchases), repeatCustomers,
                rate(repeatCustomers, customers));
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    /** A rate as people read it: 0.7333 → "73.3%"; "-" when there is none. */
    public static String percent(Double rate) {
        return rate == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }
}
