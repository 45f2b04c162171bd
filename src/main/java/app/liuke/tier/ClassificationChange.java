package app.liuke.tier;

import java.time.Instant;
import java.util.List;

/** One entry of a customer's classification history: a tier or stage change, or an override set or cleared. */
public record ClassificationChange(String kind, String from, String to, Instant at, String reason, List<String> reasonArgs) {
    public ClassificationChange {
        reasonArgs = List.copyOf(reasonArgs);
    }
}
