package app.liuke.customer;

import app.liuke.store.Handle;
import java.time.Instant;

/**
 * Folds a duplicate record into the one kept: identities, purchases, follow-ups, tags and referrals
 * move over; empty fields of the kept record are filled from the duplicate; an opt-out on either
 * side is kept (the stricter consent wins); aggregates are recomputed. Stateless.
 */
public final class CustomerMerger {
    private static final String FILL_BLANKS = """
            UPDATE customer SET
              birth_year      = COALESCE(birth_year,      (SELECT birth_year      FROM customer WHERE id = :merged)),
              birth_month_day = COALESCE(birth_month_day, (SELECT birth_month_day FROM customer WHERE id = :merged)),
              gender          = COALESCE(gender,          (SELECT gender          FROM customer WHERE id = :merged)),
              notes           = COALESCE(notes,           (SELECT notes           FROM customer WHERE id = :merged)),
              owner_staff_id  = COALESCE(owner_staff_id,  (SELECT owner_staff_id  FROM customer WHERE id = :merged)),
              staff_group_id  = COALESCE(staff_group_id,  (SELECT staff_group_id  FROM customer WHERE id = :merged)),
              store           = COALESCE(store,           (SELECT store           FROM customer WHERE id = :merged)),
              source          = COALESCE(source,          (SELECT source          FROM customer WHERE id = :merged)),
              referrer_id     = COALESCE(referrer_id,     (SELECT NULLIF(referrer_id, :kept) FROM customer WHERE id = :merged)),
              opted_out       = MAX(opted_out,            (SELECT opted_out       FROM customer WHERE id = :merged)),
              opted_out_at    = COALESCE(opted_out_at,    (SELECT opted_out_at    FROM customer WHERE id = :merged)),
              created_at      = MIN(created_at,           (SELECT created_at      FROM customer WHERE id = :merged)),
              last_visit_at   = NULLIF(max(COALESCE(last_visit_at, 0),
                                       COALESCE((SELECT last_visit_at FROM customer WHERE id = :merged), 0)), 0),
              last_group_activity_at = NULLIF(max(COALESCE(last_group_activity_at, 0),
                                  COALESCE((SELECT last_group_activity_at FROM customer WHERE id = :merged), 0)), 0),
              tier_override   = COALESCE(tier_override,   (SELECT tier_override   FROM customer WHERE id = :merged)),
              tier_override_by = CASE WHEN tier_override IS NULL THEN (SELECT tier_override_by FROM customer WHERE id = :merged)
                                      ELSE tier_override_by END,
              tier_override_reason = CASE WHEN tier_override IS NULL
                                          THEN (SELECT tier_override_reason FROM customer WHERE id = :merged)
                                          ELSE tier_override_reason END,
              tier_override_until = CASE WHEN tier_override IS NULL
                                         THEN (SELECT tier_override_until FROM customer WHERE id = :merged)
                                         ELSE tier_override_until END,
              updated_at      = :now
            WHERE id = :kept""";

    private static final String RECOMPUTE_AGGREGATES = """
            UPDATE customer SET
              purchase_count       = (SELECT count(*)                      FROM purchase WHERE customer_id = :id),
              points_balance       = (SELECT COALESCE(sum(delta), 0)       FROM points_entry WHERE customer_id = :id),
              purchase_total_cents = (SELECT COALESCE(sum(amount_cents), 0) FROM purchase WHERE customer_id = :id),
              first_purchase_at    = (SELECT min(purchased_at)             FROM purchase WHERE customer_id = :id),
              last_purchase_at     = (SELECT max(purchased_at)             FROM purchase WHERE customer_id = :id)
            WHERE id = :id""";

    public void merge(Handle handle, long kept, long merged, String reason, Instant now) {
        if (kept == merged) {
            return;
        }
        String mergedPhone = handle.queryOne("SELECT phone FROM customer WHERE id = :id", row -> row.getString(1), "id", merged)
                .orElse(null);
        String mergedName = handle.queryOne("SELECT name FROM customer WHERE id = :id", row -> row.getString(1), "id", merged)
                .orElse(null);
        handle.update(FILL_BLANKS, "kept", kept, "merged", merged, "now", now.getEpochSecond());
        handle.update("UPDATE channel_identity SET customer_id = :kept WHERE customer_id = :merged", "kept", kept, "merged", merged);
        handle.update("UPDATE purchase SET customer_id = :kept WHERE customer_id = :merged", "kept", kept, "merged", merged);
        handle.update("UPDATE follow_up SET customer_id = :kept WHERE customer_id = :merged", "kept", kept, "merged", merged);
        handle.update("UPDATE points_entry SET customer_id = :kept WHERE customer_id = :merged", "kept", kept, "merged", merged);
        handle.update("UPDATE classification_change SET customer_id = :kept WHERE customer_id = :merged",
                "kept", kept, "merged", merged);
        handle.update("INSERT OR IGNORE INTO customer_tag (customer_id, tag) SELECT :kept, tag FROM customer_tag WHERE customer_id = :merged",
                "kept", kept, "merged", merged);
        handle.update("UPDATE customer SET referrer_id = :kept WHERE referrer_id = :merged AND id <> :kept", "kept", kept, "merged", merged);
        handle.update("""
                INSERT OR IGNORE INTO group_member (group_id, customer_id, joined_at, left_at, invite_link, last_message_at, message_count)
                SELECT group_id, :kept, joined_at, left_at, invite_link, last_message_at, message_count
                FROM group_member WHERE customer_id = :merged""", "kept", kept, "merged", merged);
        handle.update("UPDATE outbox SET customer_id = :kept WHERE customer_id = :merged", "kept", kept, "merged", merged);
        handle.update("DELETE FROM customer WHERE id = :merged", "merged", merged);
        handle.update("UPDATE customer SET phone = :phone WHERE id = :kept AND phone IS NULL", "phone", mergedPhone, "kept", kept);
        recomputeAggregates(handle, kept);
        handle.update("""
                INSERT INTO customer_merge (kept_id, merged_id, merged_name, reason, merged_at)
                VALUES (:kept, :merged, :name, :reason, :now)""",
                "kept", kept, "merged", merged, "name", mergedName, "reason", reason, "now", now.getEpochSecond());
    }

    public void recomputeAggregates(Handle handle, long customerId) {
        handle.update(RECOMPUTE_AGGREGATES, "id", customerId);
    }
}
