package app.liuke.conversation;

import app.liuke.conversation.script.BotScripts;
import app.liuke.shared.Texts;
import app.liuke.tier.ClassificationCard;
import app.liuke.tier.TierTexts;
import java.time.ZoneId;
import java.util.Locale;

/** The membership card (/me) in words, in the reader's language. Immutable and thread-safe. */
final class CardText {
    private final TierTexts chinese;
    private final TierTexts english;

    CardText(ZoneId zone) {
        this.chinese = new TierTexts(new Texts(Locale.SIMPLIFIED_CHINESE), zone);
        this.english = new TierTexts(new Texts(Locale.ENGLISH), zone);
    }

    String card(Chat chat, String name, ClassificationCard card) {
        TierTexts reasons = BotScripts.EN.equals(chat.language()) ? english : chinese;
        String tier = card.tier() == null ? "-" : card.tier().name();
        String tierKey = card.tier() == null ? "none" : card.tier().name();
        var text = new StringBuilder(chat.text("me.card", "name", name, "tier", tier, "tierName", chat.text("tier." + tierKey),
                "points", card.points(), "stage", card.stage() == null ? "-" : chat.text("stage." + card.stage().code()),
                "reason", reasons.tierReason(card.tierReason(), card.tierReasonArgs())));
        String drop = reasons.dropReason(card);
        if (drop != null) {
            text.append('\n').append(chat.text("me.drop", "drop", drop));
        }
        text.append('\n').append(chat.text("me.benefits", "benefits", chat.text("benefits." + tierKey)));
        return text.toString();
    }

    static String tierName(Chat chat, String tier) {
        return chat.text("tier." + (tier == null ? "none" : tier));
    }
}
