package app.liuke.tier;

import app.liuke.shared.InvalidInput;
import java.util.Locale;

/** Lifecycle stage (客户分层). */
public enum Stage {
    POTENTIAL, NEW, REPEAT, LOYAL, DORMANT, CHURNED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInput("stage", "error.stage.invalid", String.valueOf(text));
        }
    }
}
