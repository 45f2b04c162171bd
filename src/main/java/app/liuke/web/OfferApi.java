package app.liuke.web;

import app.liuke.offer.Offer;
import app.liuke.offer.OfferCodes;
import app.liuke.offer.OfferStats;
import app.liuke.offer.Offers;
import app.liuke.shared.Conflict;
import app.liuke.shared.FlexibleDates;
import app.liuke.shared.NotFound;
import app.liuke.store.Database;
import app.liuke.store.Handle;
import app.liuke.tier.Segment;
import app.liuke.tier.ShopDays;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;

/** Thin handlers for {@code /api/offers}: the offers with their redemption counts, new offers, and handing out a code. */
final class OfferApi {
    private final Offers offers;
    private final Database database;
    private final Requests requests;
    private final FlexibleDates dates;
    private final Clock clock;

    OfferApi(Offers offers, Database database, Requests requests, FlexibleDates dates, Clock clock) {
        this.offers = offers;
        this.database = database;
        this.requests = requests;
        this.dates = dates;
        this.clock = clock;
    }

    record OfferView(Offer offer, OfferStats stats) {
    }

    record CodeView(String offer, long customerId, String code, String expiresAt, boolean isNew) {
    }

    void list(Context ctx) {
        Instant now = clock.instant();
        ctx.json(database.read(handle -> offers.catalog().all(handle).stream()
                .map(offer -> new OfferView(offer, OfferStats.of(handle, offer, now))).toList()));
    }

    void get(Context ctx) {
        Instant now = clock.instant();
        ctx.json(database.read(handle -> {
            Offer offer = find(handle, ctx.pathParam("id"));
            return new OfferView(offer, OfferStats.of(handle, offer, now));
        }));
    }

    void create(Context ctx) {
        Offer offer = requests.body(ctx, OfferBody.class).toOffer(dates);
        Segment.parse(offer.eligibility(), new ShopDays(dates.zone()), clock.instant());
        Instant now = clock.instant();
        ctx.status(201).json(database.transaction(handle -> {
            Offer created = offers.catalog().create(handle, offer, now);
            return new OfferView(created, OfferStats.of(handle, created, now));
        }));
    }

    /** Hands a customer the offer's code (their unused one, or a new one), as staff or a campaign would. */
    void issue(Context ctx) {
        long customerId = requests.body(ctx, CustomerRef.class).customerIdOrThrow();
        Instant now = clock.instant();
        CodeView view = database.transaction(handle -> {
            Offer offer = find(handle, ctx.pathParam("id"));
            if (handle.queryLong("SELECT count(*) FROM customer WHERE id = :id", "id", customerId) == 0) {
                throw new NotFound("customerId", "error.customer.notFound", customerId);
            }
            Offers.Claim claim = offers.claim(handle, offer, customerId, "api", now);
            if (!claim.given()) {
                throw new Conflict("customerId", "error.offer.refused." + claim.refusal().name().toLowerCase(java.util.Locale.ROOT),
                        customerId, offer.id());
            }
            var held = claim.held();
            return new CodeView(offer.id(), customerId, OfferCodes.display(held.code()),
                    held.expiresAt() == null ? null : dates.format(held.expiresAt()), claim.isNew());
        });
        ctx.status(view.isNew() ? 201 : 200).json(view);
    }

    private Offer find(Handle handle, String id) {
        return offers.catalog().find(handle, id).orElseThrow(() -> new NotFound("id", "error.offer.notFound",
                id.length() > 30 ? id.substring(0, 30) + "…" : id));
    }

    /** A body naming one customer: {@code {"customerId": 12}}. */
    record CustomerRef(Long customerId) {
        long customerIdOrThrow() {
            if (customerId == null || customerId <= 0) {
                throw new BadRequest("customerId", "error.id.invalid", String.valueOf(customerId));
            }
            return customerId;
        }
    }
}
