package app.liuke.web;

import app.liuke.shared.FlexibleDates;
import app.liuke.shared.InvalidInput;
import app.liuke.shared.Texts;
import app.liuke.tier.ClassificationCard;
import app.liuke.tier.ClassificationService;
import app.liuke.tier.Segment;
import app.liuke.tier.ShopDays;
import app.liuke.tier.Tier;
import app.liuke.tier.TierOverride;
import app.liuke.tier.TierTexts;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Thin handlers for tiers, stages, points, history and segment counts. Reasons are in the shop's
 * language, or in {@code ?lang=zh|en} (the dashboard passes the language it shows).
 */
final class ClassificationApi {
    private final ClassificationService classification;
    private final TierTexts words;
    private final Map<String, TierTexts> languages;
    private final Requests requests;
    private final FlexibleDates dates;
    private final ShopDays shopDays;
    private final Clock clock;

    ClassificationApi(ClassificationService classification, TierTexts words, Requests requests, FlexibleDates dates,
                      Clock clock) {
        this.classification = classification;
        this.words = words;
        this.languages = Map.of("zh", new TierTexts(new Texts(Locale.SIMPLIFIED_CHINESE), dates.zone()),
                "en", new TierTexts(new Texts(Locale.ENGLISH), dates.zone()));
        this.requests = requests;
        this.dates = dates;
        this.shopDays = new ShopDays(dates.zone());
        this.clock = clock;
    }

    record ClassificationView(String tier, String tierSince, String tierReason, OverrideView override, NextDrop nextDrop,
                              String stage, String stageSince, String stageReason, long points, Rfm rfm) {
    }

    record OverrideView(String tier, String by, String reason, String until) {
    }

    record NextDrop(String date, String to, String reason) {
    }

    record Rfm(Integer r, Integer f, Integer m) {
    }

    record ChangeView(String kind, String from, String to, String date, String reason) {
    }

    record EntryView(long id, long delta, String kind, String reason, Long purchaseId, String staff, String date,
                     String expires) {
    }

    record TierBody(String tier, String by, String reason, String until) {
    }

    record PointsBody(Long delta, String reason, Long staffId) {
    }

    record SegmentCounts(String segment, long total, Map<String, Map<String, Long>> byTierAndStage) {
    }

    /** The words for this request: {@code ?lang=zh|en}, else the shop's language. */
    TierTexts words(Context ctx) {
        String lang = ctx.queryParam("lang");
        if (lang == null || lang.isBlank()) {
            return words;
        }
        TierTexts chosen = languages.get(lang.strip().toLowerCase(Locale.ROOT));
        if (chosen == null) {
            throw new InvalidInput("lang", "error.lang", lang.length() > 10 ? lang.substring(0, 10) + "…" : lang);
        }
        return chosen;
    }

    ClassificationView view(long customerId, TierTexts words) {
        ClassificationCard card = classification.card(customerId);
        var override = card.overrideTier() == null ? null : new OverrideView(card.overrideTier().name(), card.overrideBy(),
                card.overrideReason(), dates.format(card.overrideUntil()));
        var drop = card.dropAt() == null ? null : new NextDrop(dates.format(card.dropAt()), card.dropTo().name(),
                words.dropReason(card));
        return new ClassificationView(card.tier().name(), dates.format(card.tierSince()),
                words.tierReason(card.tierReason(), card.tierReasonArgs()), override, drop, card.stage().code(),
                dates.format(card.stageSince()), words.stageReason(card.stage(), card), card.points(),
                new Rfm(card.rfmR(), card.rfmF(), card.rfmM()));
    }

    void history(Context ctx) {
        long id = Requests.id(ctx, "id");
        TierTexts words = words(ctx);
        ctx.json(classification.history(id, 200).stream().map(change -> new ChangeView(change.kind(), change.from(),
                change.to(), dates.format(change.at()), words.change(change))).toList());
    }

    void setTier(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = requests.body(ctx, TierBody.class);
        if (body.tier() == null) {
            throw new InvalidInput("tier", "error.tier.invalid", "");
        }
        var until = body.until() == null || body.until().isBlank() ? null : dates.parse("until", body.until());
        var override = body.tier().equalsIgnoreCase("auto") ? TierOverride.auto(body.by())
                : new TierOverride(Tier.parse(body.tier()), body.by(), body.reason(), until);
        classification.override(id, override);
        ctx.json(view(id, words(ctx)));
    }

    void points(Context ctx) {
        long id = Requests.id(ctx, "id");
        TierTexts words = words(ctx);
        ctx.json(classification.pointsEntries(id, 500).stream().map(entry -> new EntryView(entry.id(), entry.delta(),
                entry.kind(), words.pointsReason(entry), entry.purchaseId(), entry.staffName(), dates.format(entry.createdAt()),
                dates.format(entry.expiresAt()))).toList());
    }

    void adjustPoints(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = requests.body(ctx, PointsBody.class);
        if (body.delta() == null) {
            throw new InvalidInput("delta", "error.points.delta");
        }
        classification.adjustPoints(id, body.delta(), body.reason(), body.staffId());
        ctx.status(201).json(view(id, words(ctx)));
    }

    void segments(Context ctx) {
        var segment = Segment.parse(ctx.queryParam("segment"), shopDays, clock.instant());
        var counts = classification.counts(segment);
        long total = counts.values().stream().flatMap(byStage -> byStage.values().stream()).mapToLong(Long::longValue).sum();
        ctx.json(new SegmentCounts(segment.text(), total, counts));
    }
}
