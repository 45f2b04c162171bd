package app.liuke.workbench;

import app.liuke.store.Handle;
import app.liuke.store.RowMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Overdue follow-ups and low-score tasks per owner, counted in full with one GROUP BY each (the to-do
 * list itself stops at {@link Todos#CAP} per reason): what /todo team and the managers' view show.
 * Stateless; runs in the caller's transaction.
 */
public final class OverdueCounts {
    private static final long DAY = 86_400;
    private final WorkbenchRules rules;

    public OverdueCounts(WorkbenchRules rules) {
        this.rules = rules;
    }

    /** Overdue follow-ups per owner (null: nobody's), counted in full rather than listed: see {@link Load}. */
    public Map<Long, Load> byOwner(Handle handle, TodoScope scope, Instant now) {
        long newBefore = now.getEpochSecond() - rules.newCustomerDays() * DAY;
        long followBefore = now.getEpochSecond() - rules.followUpEveryDays() * DAY;
        long escalateBy = rules.escalateAfterDays() * DAY;
        var loads = new LinkedHashMap<Long, Load>();
        handle.query("""
                SELECT c.owner_staff_id AS owner, count(*) AS overdue,
                       sum(CASE WHEN coalesce(c.last_follow_up_at, c.created_at + :grace) < :followBefore - :escalateBy
                           THEN 1 ELSE 0 END) AS escalated
                FROM customer c WHERE c.opted_out = 0 AND c.stage <> 'churned' AND %s
                  AND ((c.last_follow_up_at IS NULL AND c.created_at < :newBefore) OR c.last_follow_up_at < :followBefore)
                GROUP BY c.owner_staff_id""".formatted(scope.customers()), row -> {
                    loads.put(RowMapper.longOrNull(row, "owner"), new Load(row.getLong("overdue"), row.getLong("escalated")));
                    return null;
                }, Todos.params(scope, "grace", (rules.newCustomerDays() - rules.followUpEveryDays()) * DAY, "followBefore", followBefore,
                "escalateBy", escalateBy, "newBefore", newBefore));
        long taskDue = now.getEpochSecond() - rules.taskDueHours() * 3600L;
        handle.query("""
                SELECT t.staff_id AS owner, count(*) AS overdue, sum(CASE WHEN t.created_at < :taskDue - :escalateBy THEN 1 ELSE 0 END)
                       AS escalated
                FROM follow_up_task t WHERE t.closed_at IS NULL AND t.created_at < :taskDue AND %s GROUP BY t.staff_id"""
                .formatted(scope.tasks()), row -> {
                    loads.merge(RowMapper.longOrNull(row, "owner"), new Load(row.getLong("overdue"), row.getLong("escalated")), Load::plus);
                    return null;
                }, Todos.params(scope, "taskDue", taskDue, "escalateBy", escalateBy));
        return loads;
    }

    /** Overdue follow-ups (and low-score tasks past due), and how many of them have escalated. */
    public record Load(long overdue, long escalated) {
        Load plus(Load other) {
            return new Load(overdue + other.overdue, escalated + other.escalated);
        }
    }
}
