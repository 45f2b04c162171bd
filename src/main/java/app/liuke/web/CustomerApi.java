package app.liuke.web;

import app.liuke.customer.CustomerQuery;
import app.liuke.customer.CustomerService;
import app.liuke.customer.FollowUpMethod;
import app.liuke.customer.FollowUpService;
import app.liuke.customer.PurchaseService;
import app.liuke.customer.UpsertResult;
import app.liuke.shared.FlexibleDates;
import app.liuke.shared.Page;
import app.liuke.tier.Segment;
import app.liuke.tier.ShopDays;
import io.javalin.http.Context;
import java.time.Clock;

/** Thin handlers for {@code /api/customers}: parse, call the archive, answer. */
final class CustomerApi {
    private static final int CARD_ROWS = 20;
    private final CustomerService customers;
    private final PurchaseService purchases;
    private final FollowUpService followUps;
    private final CustomerViews views;
    private final Requests requests;
    private final FlexibleDates dates;
    private final ShopDays shopDays;
    private final ClassificationApi classification;
    private final Clock clock;

    CustomerApi(CustomerService customers, PurchaseService purchases, FollowUpService followUps, CustomerViews views,
                Requests requests, FlexibleDates dates, ClassificationApi classification, Clock clock) {
        this.customers = customers;
        this.purchases = purchases;
        this.followUps = followUps;
        this.views = views;
        this.requests = requests;
        this.dates = dates;
        this.shopDays = new ShopDays(dates.zone());
        this.classification = classification;
        this.clock = clock;
    }

    record UpsertView(String outcome, CustomerViews.CustomerView customer) {
    }

    /**
     * Searches run one at a time, in arrival order: a name search scans the archive, and a burst of
     * them would otherwise take both cores from the writes (sales, the webhook's inbox). A shop's staff
     * never notice the queue; purchases keep their pace (docs/benchmarks.md, mixed load).
     */
    private final java.util.concurrent.Semaphore searching = new java.util.concurrent.Semaphore(1, true);

    void search(Context ctx) {
        var segment = Segment.parse(ctx.queryParam("segment"), shopDays, clock.instant());
        var query = new CustomerQuery(ctx.queryParam("q"), ctx.queryParam("tag"), segment, Requests.intParam(ctx, "page", 1),
                Requests.intParam(ctx, "size", 50));
        searching.acquireUninterruptibly();
        app.liuke.shared.Page<app.liuke.customer.Customer> page;
        try {
            page = customers.search(query);
        } finally {
            searching.release();
        }
        ctx.json(new Page<>(page.items().stream().map(views::of).toList(), page.page(), page.size(), page.total()));
    }

    void create(Context ctx) {
        var draft = requests.body(ctx, CustomerBody.class).toDraft(dates.today(clock));
        UpsertResult result = customers.upsert(draft);
        ctx.status(result.outcome() == UpsertResult.Outcome.CREATED ? 201 : 200);
        ctx.json(new UpsertView(result.outcome().name().toLowerCase(java.util.Locale.ROOT),
                views.of(customers.get(result.customerId()))));
    }

    void card(Context ctx) {
        long id = Requests.id(ctx, "id");
        var words = classification.words(ctx);
        var customer = views.of(customers.get(id));
        ctx.json(new CustomerViews.CustomerCard(customer, classification.view(id, words),
                purchases.recent(id, CARD_ROWS).stream().map(views::of).toList(),
                followUps.recent(id, CARD_ROWS).stream().map(views::of).toList(),
                customers.contactEvents(id, CARD_ROWS).stream().map(views::of).toList()));
    }

    void patch(Context ctx) {
        long id = Requests.id(ctx, "id");
        customers.get(id);
        var body = requests.body(ctx, CustomerBody.class);
        ctx.json(views.of(customers.patch(id, body.toDraft(dates.today(clock)), body.clearedFields())));
    }

    void purchases(Context ctx) {
        long id = Requests.id(ctx, "id");
        customers.get(id);
        int limit = Requests.boundedInt(ctx, "limit", 100, 1, 500);
        ctx.json(purchases.recent(id, limit).stream().map(views::of).toList());
    }

    void followUps(Context ctx) {
        long id = Requests.id(ctx, "id");
        customers.get(id);
        int limit = Requests.boundedInt(ctx, "limit", 100, 1, 500);
        ctx.json(followUps.recent(id, limit).stream().map(views::of).toList());
    }

    void addFollowUp(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = requests.body(ctx, FollowUpBody.class);
        var at = body.date() == null || body.date().isBlank() ? null : dates.parse("date", body.date());
        var followUp = followUps.record(id, body.staffId(), at, FollowUpMethod.parse(body.method()), body.content());
        ctx.status(201).json(views.of(followUp));
    }
}
