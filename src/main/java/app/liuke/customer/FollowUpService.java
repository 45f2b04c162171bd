package app.liuke.customer;

import app.liuke.store.RowMapper;
import app.liuke.shared.InvalidInput;
import app.liuke.shared.NotFound;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Database;
import app.liuke.store.Handle;
import app.liuke.tier.Classifier;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The follow-up log (回访记录). A follow-up in the store ({@code visit}) counts as a visit for the tier rules. Thread-safe. */
public final class FollowUpService {
    private static final String SELECT = """
            SELECT f.*, s.name AS staff_name FROM follow_up f LEFT JOIN staff s ON s.id = f.staff_id
            """;
    private final Database database;
    private final CustomerStore customers;
    private final StaffDirectory staff;
    private final Classifier classifier;
    private final Clock clock;

    public FollowUpService(Database database, CustomerStore customers, StaffDirectory staff, Classifier classifier,
                           Clock clock) {
        this.database = database;
        this.customers = customers;
        this.staff = staff;
        this.classifier = classifier;
        this.clock = clock;
    }

    public FollowUp record(long customerId, Long staffId, Instant happenedAt, FollowUpMethod method, String content) {
        return database.transaction(handle -> record(handle, customerId, staffId, happenedAt, method, content, clock.instant()));
    }

    /** Records inside the caller's transaction; a visit counts as activity and reclassifies at once. */
    public FollowUp record(Handle handle, long customerId, Long staffId, Instant happenedAt, FollowUpMethod method,
                           String content, Instant now) {
        String text = CustomerDraft.text("content", content, CustomerDraft.MAX_NOTES);
        if (text == null) {
            throw new InvalidInput("content", "error.followUp.content");
        }
        Instant at = happenedAt == null ? now : happenedAt;
        if (at.isAfter(now)) {
            throw new InvalidInput("date", "error.followUp.future");
        }
        if (!customers.exists(handle, customerId)) {
            throw new NotFound("id", "error.customer.notFound", customerId);
        }
        if (staffId != null && staff.byId(handle, staffId).isEmpty()) {
            throw new InvalidInput("staffId", "error.staff.notFound", staffId);
        }
        long id = handle.insert("""
                INSERT INTO follow_up (customer_id, staff_id, happened_at, method, content)
                VALUES (:customer, :staff, :at, :method, :content)""",
                "customer", customerId, "staff", staffId, "at", at.getEpochSecond(), "method", method.code(),
                "content", text);
        if (method == FollowUpMethod.VISIT) {
            handle.update("UPDATE customer SET last_visit_at = max(COALESCE(last_visit_at, 0), :at) WHERE id = :id",
                    "at", at.getEpochSecond(), "id", customerId);
            classifier.classify(handle, customerId, now);
        }
        return handle.queryOne(SELECT + " WHERE f.id = :id", FollowUpService::map, "id", id).orElseThrow();
    }

    public List<FollowUp> recent(long customerId, int limit) {
        return database.read(handle -> recent(handle, customerId, limit));
    }

    private List<FollowUp> recent(Handle handle, long customerId, int limit) {
        return handle.query(SELECT + " WHERE f.customer_id = :customer ORDER BY f.happened_at DESC, f.id DESC LIMIT :limit",
                FollowUpService::map, "customer", customerId, "limit", limit);
    }

    private static FollowUp map(java.sql.ResultSet row) throws java.sql.SQLException {
        return new FollowUp(row.getLong("id"), row.getLong("customer_id"), RowMapper.longOrNull(row, "staff_id"),
                row.getString("staff_name"), CustomerStore.instant(row, "happened_at"),
                FollowUpMethod.valueOf(row.getString("method").toUpperCase(Locale.ROOT)), row.getString("content"));
    }
}
