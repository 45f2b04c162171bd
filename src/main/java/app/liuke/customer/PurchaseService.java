package app.liuke.customer;

import app.liuke.shared.Conflict;
import app.liuke.shared.InvalidInput;
import app.liuke.shared.NotFound;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Database;
import app.liuke.tier.Classifier;
import app.liuke.tier.PointsLedger;
import app.liuke.tier.Reclassification;
import app.liuke.store.Handle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Records sales. A sale and its customer's aggregates change together or not at all. Thread-safe. */
public final class PurchaseService {
    /** A sale may be dated a little ahead (clock skew between tills), never further. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);
    private final Database database;
    private final PurchaseStore purchases;
    private final CustomerStore customers;
    private final StaffDirectory staff;
    private final PhoneNumbers phones;
    private final PointsLedger points;
    private final Classifier classifier;
    private final Clock clock;
    /** No purchase is older than this ({@code archive.earliestDate}, in the shop's zone). */
    private final java.time.LocalDate earliestDate;
    private final Instant earliest;

    public PurchaseService(Database database, PurchaseStore purchases, CustomerStore customers, StaffDirectory staff,
                           PhoneNumbers phones, PointsLedger points, Classifier classifier, Clock clock, java.time.LocalDate earliestDate,
                           java.time.ZoneId zone) {
        this.earliestDate = earliestDate;
        this.earliest = earliestDate.atStartOfDay(zone).toInstant();
        this.database = database;
        this.purchases = purchases;
        this.customers = customers;
        this.staff = staff;
        this.phones = phones;
        this.points = points;
        this.classifier = classifier;
        this.clock = clock;
    }

    public Purchase record(PurchaseDraft draft) {
        return database.transaction(handle -> {
            if (draft.ref() != null && purchases.byRef(handle, draft.ref()).isPresent()) {
                throw new Conflict("ref", "error.purchase.duplicateRef", draft.ref());
            }
            long id = record(handle, draft, clock.instant());
            return purchases.byId(handle, id).orElseThrow();
        });
    }

    /**
     * Records inside the caller's transaction; returns the new purchase id. The customer's aggregates,
     * points, tier and stage change in the same transaction.
     */
    public long record(Handle handle, PurchaseDraft draft, Instant now) {
        var reclassification = new Reclassification(classifier);
        long id = record(handle, draft, now, reclassification);
        reclassification.flush(handle, now);
        return id;
    }

    /** As above, but the customer is only marked for reclassification; the caller flushes before committing. */
    public long record(Handle handle, PurchaseDraft draft, Instant now, Reclassification reclassification) {
        Instant at = draft.purchasedAt() == null ? now : draft.purchasedAt();
        if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new InvalidInput("date", "error.purchase.future");
        }
        if (at.isBefore(earliest)) {
            throw new InvalidInput("date", "error.purchase.tooEarly", earliestDate);
        }
        if (draft.staffId() != null && staff.byId(handle, draft.staffId()).isEmpty()) {
            throw new InvalidInput("staffId", "error.staff.notFound", draft.staffId());
        }
        Long customerId = customerOf(handle, draft);
        long id = purchases.insert(handle, customerId, draft, at, now);
        if (customerId != null) {
            points.earn(handle, customerId, id, draft.amountCents(), at);
            reclassification.touch(customerId);
        }
        return id;
    }

    public List<Purchase> recent(long customerId, int limit) {
        return database.read(handle -> purchases.recent(handle, customerId, limit));
    }

    private Long customerOf(Handle handle, PurchaseDraft draft) {
        if (draft.customerId() != null) {
            if (!customers.exists(handle, draft.customerId())) {
                throw new NotFound("customerId", "error.customer.notFound", draft.customerId());
            }
            if (draft.phone() != null) {   // both given: they must name the same customer
                String phone = phones.normalize(draft.phone());
                if (!customers.idByPhone(handle, phone).map(id -> id == draft.customerId()).orElse(false)) {
                    throw new InvalidInput("phone", "error.purchase.phoneMismatch", draft.phone(), draft.customerId());
                }
            }
            return draft.customerId();
        }
        if (draft.phone() != null) {
            String phone = phones.normalize(draft.phone());
            return customers.idByPhone(handle, phone)
                    .orElseThrow(() -> new InvalidInput("phone", "error.purchase.unknownPhone", draft.phone()));
        }
        return null;
    }
}
