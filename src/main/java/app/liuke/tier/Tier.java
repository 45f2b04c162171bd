package app.liuke.tier;

import app.liuke.shared.InvalidInput;
import java.util.Locale;

/** Value tier (客户分级): A key customers, B repeat customers, C ordinary. */
public enum Tier {
    A, B, C;

    public static Tier parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInput("tier", "error.tier.invalid", String.valueOf(text));
        }
    }
}
