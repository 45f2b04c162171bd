package app.liuke.web;

import app.liuke.customer.PurchaseService;
import app.liuke.shared.FlexibleDates;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Database;
import io.javalin.http.Context;

/** Thin handlers for {@code /api/purchases} and {@code /api/staff} (list, and a leaving member's customers reassigned). */
final class PurchaseApi {
    private final PurchaseService purchases;
    private final app.liuke.customer.CustomerService customers;
    private final CustomerViews views;
    private final Requests requests;
    private final FlexibleDates dates;
    private final Database database;
    private final StaffDirectory staff;

    PurchaseApi(PurchaseService purchases, app.liuke.customer.CustomerService customers, CustomerViews views, Requests requests, FlexibleDates dates, Database database,
                StaffDirectory staff) {
        this.purchases = purchases;
        this.customers = customers;
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

    record ReassignBody(Long to) {
    }

    record Reassigned(long from, long to, int moved) {
    }

    /** {@code POST /api/staff/{id}/reassign {"to": 5}}: every customer of staff {id} now belongs to staff 5. */
    void reassign(Context ctx) {
        long from = Requests.id(ctx, "id");
        var body = requests.body(ctx, ReassignBody.class);
        if (body.to() == null || body.to() <= 0) {
            throw new BadRequest("to", "error.id.invalid", String.valueOf(body.to()));
        }
        ctx.json(new Reassigned(from, body.to(), customers.reassignAll(from, body.to())));
    }
}
