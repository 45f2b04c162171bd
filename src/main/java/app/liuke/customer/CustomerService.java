package app.liuke.customer;

import app.liuke.shared.Conflict;
import app.liuke.shared.InvalidInput;
import app.liuke.shared.NotFound;
import app.liuke.shared.Page;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Database;
import app.liuke.store.Handle;
import app.liuke.tier.Classifier;
import app.liuke.tier.Reclassification;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The customer archive: create, update, find and search customers. A customer who is already on
 * file (same phone or same channel identity) is updated, never doubled; two records that turn out
 * to be one person are merged. Every call is one transaction. Thread-safe.
 */
public final class CustomerService {
    private final Database database;
    private final CustomerStore store;
    private final CustomerMerger merger;
    private final CustomerSearch search;
    private final StaffDirectory staff;
    private final PhoneNumbers phones;
    private final Classifier classifier;
    private final Clock clock;

    public CustomerService(Database database, CustomerStore store, CustomerMerger merger, StaffDirectory staff,
                           PhoneNumbers phones, Classifier classifier, Clock clock) {
        this.database = database;
        this.store = store;
        this.merger = merger;
        this.staff = staff;
        this.phones = phones;
        this.search = new CustomerSearch(phones);
        this.classifier = classifier;
        this.clock = clock;
    }

    public UpsertResult upsert(CustomerDraft draft) {
        return database.transaction(handle -> upsert(handle, draft, clock.instant()));
    }

    /** Upsert inside the caller's transaction. */
    public UpsertResult upsert(Handle handle, CustomerDraft raw, Instant now) {
        var reclassification = new Reclassification(classifier);
        UpsertResult result = upsert(handle, raw, now, reclassification);
        reclassification.flush(handle, now);
        return result;
    }

    /** As above, but new or merged customers are only marked for reclassification; the caller flushes (bulk import). */
    public UpsertResult upsert(Handle handle, CustomerDraft raw, Instant now, Reclassification reclassification) {
        CustomerDraft draft = normalized(raw);
        checkReferences(handle, draft, null);
        var matches = new LinkedHashMap<Long, String>();
        if (draft.phone() != null) {
            store.idByPhone(handle, draft.phone()).ifPresent(id -> matches.put(id, "same phone"));
        }
        for (ChannelIdentity identity : draft.identities()) {
            store.idByIdentity(handle, identity).ifPresent(id -> matches.putIfAbsent(id, "same " + identity.channel() + " identity"));
        }
        if (matches.isEmpty()) {
            if (draft.name() == null) {
                throw new InvalidInput("name", "error.name.required");
            }
            long id = store.insert(handle, draft, now);
            reclassification.touch(id);
            return new UpsertResult(id, UpsertResult.Outcome.CREATED);
        }
        long kept = matches.keySet().iterator().next();
        boolean merged = false;
        for (Map.Entry<Long, String> match : matches.entrySet()) {
            if (match.getKey() != kept) {
                merger.merge(handle, kept, match.getKey(), match.getValue(), now);
                merged = true;
            }
        }
        boolean changed = apply(handle, kept, draft, false, now);
        if (merged) {
            reclassification.touch(kept);
        }
        var outcome = merged ? UpsertResult.Outcome.MERGED
                : changed ? UpsertResult.Outcome.UPDATED : UpsertResult.Outcome.UNCHANGED;
        return new UpsertResult(kept, outcome);
    }

    /** What happened between a customer and staff on WeCom (added, the customer deleted their staff member …). */
    public record ContactEvent(String kind, String staff, String detail, Instant at) {
    }

    /** The customer's latest contact events, newest first. */
    public List<ContactEvent> contactEvents(Handle handle, long customerId, int limit) {
        return handle.query("""
                SELECT e.kind, s.name, e.detail, e.at FROM contact_event e LEFT JOIN staff s ON s.id = e.staff_id
                WHERE e.customer_id = :id ORDER BY e.at DESC, e.id DESC LIMIT :limit""",
                row -> new ContactEvent(row.getString(1), row.getString(2), row.getString(3), Instant.ofEpochSecond(row.getLong(4))),
                "id", customerId, "limit", limit);
    }

    public List<ContactEvent> contactEvents(long customerId, int limit) {
        return database.read(handle -> contactEvents(handle, customerId, limit));
    }

    /**
     * A staff member leaves: every customer they look after goes to {@code to} (and {@code to}'s group),
     * in one transaction; how many moved. Unknown staff is an {@link InvalidInput}.
     */
    public int reassignAll(Handle handle, long from, long to, Instant now) {
        for (long id : new long[] {from, to}) {
            if (staff.byId(handle, id).isEmpty()) {
                throw new InvalidInput("staffId", "error.staff.notFound", id);
            }
        }
        return handle.update("""
                UPDATE customer SET owner_staff_id = :to, staff_group_id = (SELECT staff_group_id FROM staff WHERE id = :to),
                  updated_at = :now WHERE owner_staff_id = :from""", "to", to, "from", from, "now", now.getEpochSecond());
    }

    public int reassignAll(long from, long to) {
        return database.transaction(handle -> reassignAll(handle, from, to, clock.instant()));
    }

    /** Changes the given fields of one customer; tags given replace the old ones. */
    public Customer patch(long id, CustomerDraft raw) {
        return patch(id, raw, java.util.Set.of());
    }

    /**
     * As above, and empties the named fields ({@code phone}, {@code birthday}, {@code gender},
     * {@code notes}, {@code store}, {@code source}).
     */
    public Customer patch(long id, CustomerDraft raw, java.util.Set<String> cleared) {
        return database.transaction(handle -> patch(handle, id, raw, cleared, clock.instant()));
    }

    /** {@link #patch(long, CustomerDraft, java.util.Set)} inside the caller's transaction. */
    public Customer patch(Handle handle, long id, CustomerDraft raw, java.util.Set<String> cleared, Instant now) {
        {
            CustomerDraft draft = normalized(raw);
            checkReferences(handle, draft, id);
            if (draft.phone() != null) {
                Optional<Long> owner = store.idByPhone(handle, draft.phone());
                if (owner.isPresent() && owner.get() != id) {
                    throw new Conflict("phone", "error.phone.taken", draft.phone(), owner.get());
                }
            }
            for (ChannelIdentity identity : draft.identities()) {
                Optional<Long> owner = store.idByIdentity(handle, identity);
                if (owner.isPresent() && owner.get() != id) {
                    throw new Conflict("identities", "error.identity.taken", identity.channel(), owner.get());
                }
            }
            apply(handle, id, draft, true, now);
            store.clear(handle, id, cleared, now);
            return store.find(handle, id).orElseThrow();
        }
    }

    /** Adds tags (keeping the others), inside the caller's transaction. */
    public Customer addTags(Handle handle, long id, java.util.Set<String> tags, Instant now) {
        apply(handle, id, CustomerDraft.empty().withTags(tags), false, now);
        return store.find(handle, id).orElseThrow(() -> new NotFound("id", "error.customer.notFound", id));
    }

    public Optional<Customer> find(Handle handle, long id) {
        return store.find(handle, id);
    }

    public Page<Customer> search(Handle handle, CustomerQuery query) {
        return search.search(handle, query);
    }

    /** The customer with this phone number (any spelling of it), inside the caller's transaction. */
    public Optional<Long> idByPhone(Handle handle, String rawPhone) {
        return store.idByPhone(handle, phones.normalize(rawPhone));
    }

    public Customer get(long id) {
        return database.read(handle -> store.find(handle, id))
                .orElseThrow(() -> new NotFound("id", "error.customer.notFound", id));
    }

    public Page<Customer> search(CustomerQuery query) {
        return database.read(handle -> search.search(handle, query));
    }

    private boolean apply(Handle handle, long id, CustomerDraft draft, boolean replaceTags, Instant now) {
        Customer existing = store.find(handle, id).orElseThrow(() -> new NotFound("id", "error.customer.notFound", id));
        var changes = CustomerChanges.between(existing, draft, now);
        boolean changed = !changes.isEmpty();
        if (draft.tags() != null) {
            var tags = new TreeSet<>(replaceTags ? draft.tags() : existing.tags());
            tags.addAll(draft.tags());
            if (!tags.equals(new TreeSet<>(existing.tags()))) {
                store.replaceTags(handle, id, tags);
                changed = true;
            }
        }
        var known = new HashSet<>(existing.identities());
        for (ChannelIdentity identity : draft.identities()) {
            if (known.add(identity)) {
                store.addIdentity(handle, id, identity, now);
                changed = true;
            }
        }
        if (changed && changes.isEmpty()) {
            changes.put("updated_at", now.getEpochSecond());
        }
        store.update(handle, id, changes, now);
        return changed;
    }

    private CustomerDraft normalized(CustomerDraft draft) {
        return draft.phone() == null ? draft : draft.withPhone(phones.normalize(draft.phone()));
    }

    private void checkReferences(Handle handle, CustomerDraft draft, Long self) {
        if (draft.ownerStaffId() != null && staff.byId(handle, draft.ownerStaffId()).isEmpty()) {
            throw new InvalidInput("ownerStaffId", "error.staff.notFound", draft.ownerStaffId());
        }
        if (draft.staffGroupId() != null && !staff.groupExists(handle, draft.staffGroupId())) {
            throw new InvalidInput("staffGroupId", "error.group.notFound", draft.staffGroupId());
        }
        if (draft.referrerId() != null) {
            if (draft.referrerId().equals(self)) {
                throw new InvalidInput("referrerId", "error.referrer.self");
            }
            if (!store.exists(handle, draft.referrerId())) {
                throw new InvalidInput("referrerId", "error.referrer.notFound", draft.referrerId());
            }
        }
    }
}
