package app.liuke.tier;

import java.time.Instant;
import java.util.List;

/** Where a customer stands and why: tier with its reason and next drop, stage, points and RFM. */
public record ClassificationCard(Tier tier, Instant tierSince, String tierReason, List<String> tierReasonArgs,
                                 Tier overrideTier, String overrideBy, String overrideReason, Instant overrideUntil,
                                 Instant dropAt, Tier dropTo, String dropReason,
                                 Stage stage, Instant stageSince, long points, Integer rfmR, Integer rfmF, Integer rfmM,
                                 Instant lastPurchase, Instant lastVisit, Instant lastGroupActivity, int purchases) {
    public ClassificationCard {
        tierReasonArgs = List.copyOf(tierReasonArgs);
    }
}
