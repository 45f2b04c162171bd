package app.liuke.campaign;

import java.util.List;
import java.util.Map;

/**
 * What a run or a preview of a campaign did: how many were queued (of them, deferred by quiet hours),
 * skipped by reason, already planned before; for a preview, one line per customer.
 */
public record RunReport(String campaign, boolean preview, int queued, int deferred, Map<String, Integer> skipped,
                        int already, List<Line> lines) {
    public RunReport {
        skipped = Map.copyOf(skipped);
        lines = List.copyOf(lines);
    }

    /** One customer in a preview: send (when) or skip (why), and the text they would get. */
    public record Line(long customerId, String name, String decision, String reason, String text) {
    }

    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
