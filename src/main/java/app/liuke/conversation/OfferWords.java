package app.liuke.conversation;

import app.liuke.offer.Offer;
import app.liuke.tier.Tier;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Collectors;

/** How offers are put into words in chat: until when a code is good, and whom an offer is for. */
final class OfferWords {
    private final ZoneId zone;

    OfferWords(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /** "有效期至 2026-12-22" for a code that lapses at the start of 12-23, or "长期有效". */
    String until(Chat chat, Instant expiresAt) {
        return expiresAt == null ? chat.text("offers.forever")
                : chat.text("offers.until", "date", LocalDate.ofInstant(expiresAt.minusSeconds(1), zone));
    }

    String untilDay(Chat chat, LocalDate lastDay) {
        return lastDay == null ? chat.text("offers.forever") : chat.text("offers.until", "date", lastDay);
    }

    /** Whom the offer is for, e.g. "A 级会员" or "忠诚顾客（老买家）". */
    String who(Chat chat, Offer offer) {
        String joiner = chat.text("offers.who.joiner");
        if (!offer.tiers().isEmpty()) {
            return chat.text("offers.who.tier", "tiers", offer.tiers().stream().map(Tier::name).collect(Collectors.joining(joiner)));
        }
        if (!offer.stages().isEmpty()) {
            return chat.text("offers.who.stage", "stages", offer.stages().stream()
                    .map(stage -> chat.text("stage." + stage.code())).collect(Collectors.joining(joiner)));
        }
        return chat.text("offers.who.segment");
    }
}
