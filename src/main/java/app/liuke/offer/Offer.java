package app.liuke.offer;

import app.liuke.shared.InvalidInput;
import app.liuke.tier.Stage;
import app.liuke.tier.Tier;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A member-exclusive offer (会员专享优惠): what it gives, who may have it (tiers, stages and a segment,
 * all of which must hold), when it is valid (shop dates, inclusive), how long a code lasts once
 * given, how often one customer may use it, the total stock of codes, and whether each customer
 * gets a personal single-use code or the shop uses one shared code. {@code listed} offers appear in
 * a customer's {@code /offers}; unlisted ones are handed out by campaigns, groups or staff.
 * Immutable; the compact constructor checks every field.
 */
public record Offer(String id, String title, String text, List<Tier> tiers, List<Stage> stages, String segment,
                    LocalDate validFrom, LocalDate validUntil, Integer codeValidDays, int perCustomer, Integer stock,
                    boolean personal, String code, boolean listed, boolean active) {
    public static final int MAX_ID = 24;

    public Offer {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0," + (MAX_ID - 1) + "}")) {
            throw new InvalidInput("id", "error.offer.id", String.valueOf(id), MAX_ID);
        }
        title = required("title", title, 60);
        text = required("text", text, 500);
        tiers = List.copyOf(tiers == null ? List.of() : tiers);
        stages = List.copyOf(stages == null ? List.of() : stages);
        segment = segment == null ? "" : segment.strip();
        if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) {
            throw new InvalidInput("validUntil", "error.offer.window", validFrom, validUntil);
        }
        if (codeValidDays != null && (codeValidDays < 1 || codeValidDays > 3650)) {
            throw new InvalidInput("codeValidDays", "error.offer.range", "codeValidDays", 1, 3650);
        }
        if (perCustomer < 1 || perCustomer > 1000) {
            throw new InvalidInput("perCustomer", "error.offer.range", "perCustomer", 1, 1000);
        }
        if (stock != null && (stock < 0 || stock > 10_000_000)) {
            throw new InvalidInput("stock", "error.offer.range", "stock", 0, 10_000_000);
        }
        if (personal) {
            code = null;
        } else {
            code = code == null ? null : OfferCodes.normalize(code);
            if (code == null || !code.matches("[A-Z0-9]{4,16}")) {
                throw new InvalidInput("code", "error.offer.sharedCode", String.valueOf(code));
            }
        }
    }

    private static String required(String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new InvalidInput(field, "error.offer.required", field);
        }
        if (text.codePointCount(0, text.length()) > max || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new InvalidInput(field, "error.offer.textTooLong", field, max);
        }
        return text;
    }

    /** Tiers, stages and segment as one segment text, e.g. {@code tier:A stage:loyal,repeat tag:VIP}. */
    public String eligibility() {
        var parts = new java.util.ArrayList<String>();
        if (!tiers.isEmpty()) {
            parts.add("tier:" + tiers.stream().map(Tier::name).collect(Collectors.joining(",")));
        }
        if (!stages.isEmpty()) {
            parts.add("stage:" + stages.stream().map(Stage::code).collect(Collectors.joining(",")));
        }
        if (!segment.isEmpty()) {
            parts.add(segment);
        }
        return String.join(" ", parts);
    }

    /** Whether the offer runs on {@code day} (shop date). */
    public boolean runsOn(LocalDate day) {
        return active && (validFrom == null || !day.isBefore(validFrom)) && (validUntil == null || !day.isAfter(validUntil));
    }

    public Offer withActive(boolean value) {
        return new Offer(id, title, text, tiers, stages, segment, validFrom, validUntil, codeValidDays, perCustomer, stock,
                personal, code, listed, value);
    }
}
