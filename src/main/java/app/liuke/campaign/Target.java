package app.liuke.campaign;

import app.liuke.channel.Button;
import java.util.List;

/**
 * What one customer gets from one campaign occurrence: the text (already in the shop's language),
 * an optional gift (an offer id: a personal code is issued on sending), an optional survey to start,
 * buttons, and {@code ref} for the campaign's own bookkeeping (a reactivation sequence id).
 */
public record Target(long customerId, String occurrence, String text, String giftOffer, String survey,
                     List<List<Button>> buttons, long ref) {
    public Target {
        buttons = List.copyOf(buttons);
    }

    /** A plain greeting: text only. */
    public static Target text(long customerId, String occurrence, String text) {
        return new Target(customerId, occurrence, text, null, null, List.of(), 0);
    }

    public Target withGift(String offerId) {
        return new Target(customerId, occurrence, text, offerId, survey, buttons, ref);
    }
}
