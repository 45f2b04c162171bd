package app.liuke.web;

import app.liuke.customer.PurchaseService;
import app.liuke.shared.FlexibleDates;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Database;
import io.javalin.http.Context;

/** Thin handlers for {@code /api/purchases} and {@code /api/staff}. */
final class PurchaseApi {
    private final PurchaseService purchases;
    private final CustomerViews views;
    private final Requests requests;
    private final FlexibleDates dates;
    private final Database database;
    private final StaffDirectory staff;

    PurchaseApi(PurchaseService purchases, CustomerViews views, Requests requests, FlexibleDates dates, Database database,
                StaffDirectory staff) {
        this.purchases = purchases;
        this.views = views;
        this.requests = requests;
        this.dates = dates;
        this.database = database;
        this.staff = staff;
    }

    void create(Context ctx) {
        var draft = requests.body(ctx, PurchaseBody.class).toDraft(dates);
        ctx.status(201).json(views.of(purchases.record(draft)));
    }

    void staff(Context ctx) {
        ctx.json(database.read(staff::list));
    }
}
