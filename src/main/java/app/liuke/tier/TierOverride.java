package app.liuke.tier;

import app.liuke.shared.InvalidInput;
import java.time.Instant;

/**
 * A manager naming a customer's tier by hand (who, why, until when), or {@code tier == null}: back
 * to the rules ("auto").
 */
public record TierOverride(Tier tier, String by, String reason, Instant until) {
    public TierOverride {
        by = by == null ? null : by.strip();
        reason = reason == null ? null : reason.strip();
        if (tier != null && (reason == null || reason.isEmpty())) {
            throw new InvalidInput("reason", "error.override.reason");
        }
        if (by == null || by.isEmpty()) {
            throw new InvalidInput("by", "error.override.by");
        }
        if ((reason != null && reason.length() > 200) || by.length() > 64) {
            throw new InvalidInput("reason", "error.text.tooLong", 200);
        }
    }

    public static TierOverride auto(String by) {
        return new TierOverride(null, by, null, null);
    }
}
