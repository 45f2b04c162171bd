package app.liuke.web;

import app.liuke.offer.Offer;
import app.liuke.shared.FlexibleDates;
import app.liuke.tier.Stage;
import app.liuke.tier.Tier;
import java.time.LocalDate;
import java.util.List;

/** The JSON of {@code POST /api/offers}; field names as in {@code config/liuke.yaml}'s {@code offers:}. */
record OfferBody(String id, String title, String text, List<String> tiers, List<String> stages, String segment,
                 String validFrom, String validUntil, Integer codeValidDays, Integer perCustomer, Integer stock,
                 Boolean personal, String code, Boolean listed) {

    Offer toOffer(FlexibleDates dates) {
        return new Offer(id, title, text, tiers == null ? List.of() : tiers.stream().map(Tier::parse).toList(),
                stages == null ? List.of() : stages.stream().map(Stage::parse).toList(), segment,
                day(dates, "validFrom", validFrom), day(dates, "validUntil", validUntil), codeValidDays,
                perCustomer == null ? 1 : perCustomer, stock, personal == null || personal, code, listed == null || listed, true);
    }

    private static LocalDate day(FlexibleDates dates, String field, String text) {
        return text == null || text.isBlank() ? null : LocalDate.ofInstant(dates.parse(field, text), dates.zone());
    }
}
