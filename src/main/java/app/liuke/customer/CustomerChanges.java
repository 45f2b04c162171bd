package app.liuke.customer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The columns a draft would really change on an existing customer (nothing when all is the same). */
final class CustomerChanges {
    private CustomerChanges() {
    }

    static Map<String, Object> between(Customer existing, CustomerDraft draft, Instant now) {
        var wanted = CustomerStore.columns(draft);
        var current = new LinkedHashMap<String, Object>();
        current.put("name", existing.name());
        current.put("phone", existing.phone());
        current.put("birth_year", existing.birthday() == null ? null : existing.birthday().year());
        current.put("birth_month_day", existing.birthday() == null ? null : existing.birthday().monthDayText());
        current.put("gender", existing.gender() == null ? null : existing.gender().code());
        current.put("notes", existing.notes());
        current.put("owner_staff_id", existing.ownerStaffId());
        current.put("staff_group_id", existing.staffGroupId());
        current.put("store", existing.store());
        current.put("source", existing.source());
        current.put("referrer_id", existing.referrerId());
        var changes = new LinkedHashMap<String, Object>();
        wanted.forEach((column, value) -> {
            if (!Objects.equals(String.valueOf(current.get(column)), String.valueOf(value))) {
                changes.put(column, value);
            }
        });
        if (draft.optedOut() != null && draft.optedOut() != existing.optedOut()) {
            changes.put("opted_out", draft.optedOut() ? 1 : 0);
            changes.put("opted_out_at", draft.optedOut() ? now.getEpochSecond() : null);
        }
        return changes;
    }
}
