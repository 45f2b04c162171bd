package app.liuke.tier;

import app.liuke.shared.Texts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Puts classification reasons into words in the shop's language. Immutable. */
public final class TierTexts {
    private final Texts texts;
    private final ZoneId zone;

    public TierTexts(Texts texts, ZoneId zone) {
        this.texts = texts;
        this.zone = zone;
    }

    public String tierReason(String code, List<String> args) {
        if (code == null) {
            return texts.get("tier.reason.unclassified");
        }
        return switch (code) {
            case "override" -> texts.get("tier.reason.override", arg(args, 0), arg(args, 1),
                    arg(args, 2).isEmpty() ? "" : texts.get("tier.until", date(Long.parseLong(arg(args, 2)))));
            case "downgraded" -> texts.get("tier.reason.downgraded", arg(args, 0), LocalDate.ofEpochDay(Long.parseLong(arg(args, 1))),
                    arg(args, 2));
            default -> texts.get("tier.reason." + code, args.toArray());
        };
    }

    public String stageReason(Stage stage, ClassificationCard card) {
        return texts.get("stage.reason." + stage.code(), card.purchases(),
                card.lastPurchase() == null ? "-" : date(card.lastPurchase().getEpochSecond()));
    }

    public String dropReason(ClassificationCard card) {
        if (card.dropAt() == null) {
            return null;
        }
        return texts.get("tier.drop." + card.dropReason(), card.dropTo(), date(card.dropAt().getEpochSecond()));
    }

    /** Why points moved: purchases and expiries in words, adjustments as staff wrote them. */
    public String pointsReason(PointsEntry entry) {
        return switch (entry.kind()) {
            case "purchase" -> texts.get("points.purchase", app.liuke.customer.Money.format(Long.parseLong(entry.reason())));
            case "expiry" -> texts.get("points.expiry");
            default -> entry.reason();
        };
    }

    /** A history entry in words. */
    public String change(ClassificationChange change) {
        return switch (change.kind()) {
            case "tier" -> tierReason(change.reason(), change.reasonArgs());
            case "stage" -> texts.get("stage.change." + change.reason());
            default -> texts.get("override." + change.reason(), arg(change.reasonArgs(), 0), arg(change.reasonArgs(), 1));
        };
    }

    private static String arg(List<String> args, int index) {
        return index < args.size() ? args.get(index) : "";
    }

    private String date(long epochSecond) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone).toString();
    }
}
