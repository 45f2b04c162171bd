package app.liuke.config;

import app.liuke.offer.Offer;
import app.liuke.shared.InvalidInput;
import app.liuke.shared.Texts;
import app.liuke.survey.SurveyRules;
import app.liuke.tier.Segment;
import app.liuke.tier.ShopDays;
import app.liuke.tier.Stage;
import app.liuke.tier.Tier;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** Reads the {@code offers:} list and the {@code surveys:} rules of {@code liuke.yaml}, reporting each problem with its key. */
final class OfferConfig {
    private static final Texts ENGLISH = new Texts(Locale.ENGLISH);

    private OfferConfig() {
    }

    static List<Offer> offers(ConfigReader reader, ZoneId zone) {
        int count = reader.listSize("offers");
        var offers = new ArrayList<Offer>();
        var ids = new HashSet<String>();
        for (int i = 0; i < count; i++) {
            String path = "offers[" + i + "]";
            reader.section(path);
            Offer offer = offer(reader, path, zone);
            if (offer != null && !ids.add(offer.id())) {
                reader.error(path + ".id", "two offers are called '" + offer.id() + "'");
            } else if (offer != null) {
                offers.add(offer);
            }
        }
        return List.copyOf(offers);
    }

    /** Every offer a campaign hands out (birthday and holiday gifts, the reactivation offer) must be one of {@code offers}. */
    static void checkGifts(ConfigReader reader, List<Offer> offers, List<app.liuke.campaign.CampaignSettings> campaigns) {
        var ids = new java.util.TreeSet<String>();
        offers.forEach(offer -> ids.add(offer.id()));
        for (var campaign : campaigns) {
            String path = "campaigns." + campaign.name();
            campaign.gifts().forEach((tier, id) -> unknownOffer(reader, path + ".gifts." + tier, id, ids));
            if (campaign.offer() != null && !campaign.offer().isBlank()) {
                unknownOffer(reader, path + ".offer", campaign.offer(), ids);
            }
            for (int i = 0; i < campaign.holidays().size(); i++) {
                String holiday = path + ".list[" + i + "].gifts.";
                campaign.holidays().get(i).gifts().forEach((tier, id) -> unknownOffer(reader, holiday + tier, id, ids));
            }
        }
    }

    private static void unknownOffer(ConfigReader reader, String path, String id, java.util.Set<String> ids) {
        if (!ids.contains(id)) {
            reader.error(path, "no offer is called '" + id + "' (the offers in this config: " + String.join(", ", ids) + ")");
        }
    }

    private static Offer offer(ConfigReader reader, String path, ZoneId zone) {
        var tiers = new ArrayList<Tier>();
        var stages = new ArrayList<Stage>();
        try {
            reader.stringList(path + ".tiers").forEach(tier -> tiers.add(Tier.parse(tier)));
            reader.stringList(path + ".stages").forEach(stage -> stages.add(Stage.parse(stage)));
        } catch (InvalidInput e) {
            reader.error(path + "." + e.field() + "s", ENGLISH.explain(e));
        }
        String segment = reader.string(path + ".segment", "");
        try {
            Segment.parse(segment, new ShopDays(zone), Instant.EPOCH);
        } catch (InvalidInput e) {
            reader.error(path + ".segment", ENGLISH.explain(e));
        }
        int stock = reader.integer(path + ".stock", -1, 0, 10_000_000);
        int codeDays = reader.integer(path + ".codeValidDays", 0, 1, 3650);
        try {
            return new Offer(reader.string(path + ".id", null), reader.string(path + ".title", null),
                    reader.string(path + ".text", null), tiers, stages, segment, date(reader, path + ".validFrom"),
                    date(reader, path + ".validUntil"), codeDays == 0 ? null : codeDays,
                    reader.integer(path + ".perCustomer", 1, 1, 1000), stock < 0 ? null : stock,
                    reader.bool(path + ".personal", true), reader.string(path + ".code", null),
                    reader.bool(path + ".listed", true), true);
        } catch (InvalidInput e) {
            reader.error(path + "." + e.field(), ENGLISH.explain(e));
            return null;
        }
    }

    private static LocalDate date(ConfigReader reader, String path) {
        String text = reader.string(path, "");
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            reader.error(path, "must be a date such as 2026-12-31, not '" + text + "'");
            return null;
        }
    }

    static SurveyRules surveys(ConfigReader reader) {
        reader.section("surveys");
        var defaults = SurveyRules.defaults();
        int remind = reader.integer("surveys.remindAfterHours", defaults.remindAfterHours(), 1, 24 * 30);
        int expire = reader.integer("surveys.expireAfterHours", defaults.expireAfterHours(), 1, 24 * 60);
        if (expire <= remind) {
            reader.error("surveys.expireAfterHours", "must be more than surveys.remindAfterHours (" + remind + ")");
        }
        return new SurveyRules(reader.integer("surveys.cooldownDays", defaults.cooldownDays(), 0, 3650), remind, expire,
                reader.integer("surveys.afterPurchaseDays", defaults.afterPurchaseDays(), 1, 365));
    }
}
