package app.liuke.report;

import app.liuke.shared.InvalidInput;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a sales report is broken down by. Time buckets are shop days; store is the purchase's store;
 * staff is who recorded the sale; group is that staff member's group (or, for a sale without staff,
 * the customer's group); product splits each purchase into its items.
 */
public enum Dimension {
    DAY, MONTH, YEAR, STORE, GROUP, STAFF, PRODUCT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Dimension parse(String text) {
        if (text == null || text.isBlank()) {
            return DAY;
        }
        for (Dimension dimension : values()) {
            if (dimension.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return dimension;
            }
        }
        throw new InvalidInput("by", "error.report.by", text.length() > 20 ? text.substring(0, 20) + "…" : text,
                Arrays.stream(values()).map(Dimension::id).collect(Collectors.joining(", ")));
    }
}
