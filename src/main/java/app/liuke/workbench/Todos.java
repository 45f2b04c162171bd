package app.liuke.workbench;

import app.liuke.campaign.CampaignSettings.UsagePeriod;
import app.liuke.store.Handle;
import app.liuke.store.RowMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The to-do list (待办): who needs a call today and why, from the archive as it is now; nothing is
 * stored. A reason clears itself once the customer is followed up after it arose (a purchase, a
 * birthday passing or a closed task clear theirs too). Opted-out customers are left alone, except for
 * a low score, which is the shop's to answer. Stateless; runs in the caller's transaction.
 */
public final class Todos {
    /** At most this many customers per reason are looked at: enough for any list a person reads. */
    static final int CAP = 500;
    private static final long DAY = 86_400;
    private final WorkbenchRules rules;
    private final List<UsagePeriod> usage;
    private final ZoneId zone;

    public Todos(WorkbenchRules rules, List<UsagePeriod> usage, ZoneId zone) {
        this.rules = rules;
        this.usage = List.copyOf(usage);
        this.zone = zone;
    }

    public WorkbenchRules rules() {
        return rules;
    }

    /** Everyone on the list, most urgent first: by their first reason, then the longest waiting. */
    public List<TodoItem> list(Handle handle, TodoScope scope, Instant now) {
        var found = new LinkedHashMap<Long, Draft>();
        lowScores(handle, scope, now, found);
        long newBefore = now.getEpochSecond() - rules.newCustomerDays() * DAY;
        long escalateBy = rules.escalateAfterDays() * DAY;
        collect(handle, scope, TodoReason.NEVER_FOLLOWED, """
                SELECT c.id, c.name, c.owner_staff_id, c.created_at AS since, '' AS detail FROM customer c
                WHERE c.last_follow_up_at IS NULL AND c.created_at < :newBefore AND c.stage <> 'churned'
                  AND c.opted_out = 0 AND %s ORDER BY c.created_at LIMIT %d""", now, newBefore - escalateBy, found,
                "newBefore", newBefore);
        long followBefore = now.getEpochSecond() - rules.followUpEveryDays() * DAY;
        collect(handle, scope, TodoReason.NOT_FOLLOWED, """
                SELECT c.id, c.name, c.owner_staff_id, c.last_follow_up_at AS since, '' AS detail FROM customer c
                WHERE c.last_follow_up_at < :followBefore AND c.stage <> 'churned' AND c.opted_out = 0 AND %s
                ORDER BY c.last_follow_up_at LIMIT %d""", now, followBefore - escalateBy, found, "followBefore", followBefore);
        usedUp(handle, scope, now, found);
        birthdays(handle, scope, now, found);
        collect(handle, scope, TodoReason.DORMANT, """
                SELECT c.id, c.name, c.owner_staff_id, c.last_purchase_at AS since, '' AS detail FROM customer c
                WHERE c.stage = 'dormant' AND c.opted_out = 0 AND %s
                  AND coalesce(c.last_follow_up_at, 0) < coalesce(c.stage_since, 0)
                  AND NOT EXISTS (SELECT 1 FROM reactivation r WHERE r.customer_id = c.id AND r.started_at >= coalesce(c.stage_since, 0))
                ORDER BY c.last_purchase_at LIMIT %d""", now, null, found);
        long boughtBefore = now.getEpochSecond() - rules.notBoughtAgainDays() * DAY;
        collect(handle, scope, TodoReason.NOT_BOUGHT_AGAIN, """
                SELECT c.id, c.name, c.owner_staff_id, c.last_purchase_at AS since, '' AS detail FROM customer c
                WHERE c.last_purchase_at < :boughtBefore AND c.stage NOT IN ('dormant', 'churned') AND c.opted_out = 0 AND %s
                  AND coalesce(c.last_follow_up_at, 0) < c.last_purchase_at + :boughtAfter
                ORDER BY c.last_purchase_at LIMIT %d""", now, null, found, "boughtBefore", boughtBefore,
                "boughtAfter", rules.notBoughtAgainDays() * DAY);
        collect(handle, scope, TodoReason.NEVER_BOUGHT, """
                SELECT c.id, c.name, c.owner_staff_id, c.created_at AS since, '' AS detail FROM customer c
                WHERE c.purchase_count = 0 AND c.created_at < :newBefore AND c.opted_out = 0 AND c.stage <> 'churned' AND %s
                  AND coalesce(c.last_follow_up_at, 0) < c.created_at + :newAfter
                ORDER BY c.created_at LIMIT %d""", now, null, found, "newBefore", newBefore, "newAfter", rules.newCustomerDays() * DAY);
        var staffNames = new java.util.HashMap<Long, String>();
        handle.stream("SELECT id, name FROM staff", row -> Map.entry(row.getLong(1), row.getString(2)),
                entry -> staffNames.put(entry.getKey(), entry.getValue()));
        return found.values().stream().map(draft -> draft.item(staffNames))
                .sorted(Comparator.comparing((TodoItem item) -> item.first().ordinal())
                        .thenComparing(item -> -item.reasons().get(0).days()))
                .toList();
    }

    /** Open tasks (low scores, lost WeCom contacts): due {@code taskDueHours} after opening, escalated {@code escalateAfterDays} after that. */
    private void lowScores(Handle handle, TodoScope scope, Instant now, Map<Long, Draft> found) {
        long escalateBefore = now.getEpochSecond() - rules.taskDueHours() * 3600L - rules.escalateAfterDays() * DAY;
        handle.query("""
                SELECT t.id AS task, t.kind, c.id, c.name, c.owner_staff_id, t.created_at AS since FROM follow_up_task t
                JOIN customer c ON c.id = t.customer_id WHERE t.closed_at IS NULL AND %s ORDER BY t.created_at LIMIT %d"""
                .formatted(scope.tasks(), CAP), row -> {
                    Draft draft = found.computeIfAbsent(row.getLong("id"), id -> new Draft(row));
                    draft.taskId = draft.taskId == null ? row.getLong("task") : draft.taskId;
                    var reason = "lost-contact".equals(row.getString("kind")) ? TodoReason.LOST_CONTACT : TodoReason.LOW_SCORE;
                    draft.add(new TodoItem.Reason(reason, days(row.getLong("since"), now), ""),
                            row.getLong("since") < escalateBefore);
                    return null;
                }, scope.params());
    }

    /** Items with a usage period bought about {@code days} ago: probably used up this week, not bought again since. */
    private void usedUp(Handle handle, TodoScope scope, Instant now, Map<Long, Draft> found) {
        LocalDate today = now.atZone(zone).toLocalDate();
        for (UsagePeriod period : usage) {
            LocalDate from = today.minusDays(period.days() + 6L);
            LocalDate to = today.minusDays(period.days() - 4L);
            collect(handle, scope, TodoReason.USED_UP, """
                    SELECT c.id, c.name, c.owner_staff_id, max(p.purchased_at) AS since, :match AS detail FROM purchase p
                    JOIN customer c ON c.id = p.customer_id
                    WHERE p.purchased_at >= :from AND p.purchased_at < :to AND instr(p.items, :match) > 0 AND c.opted_out = 0 AND %s
                      AND NOT EXISTS (SELECT 1 FROM purchase later WHERE later.customer_id = p.customer_id
                                      AND later.purchased_at > p.purchased_at AND instr(later.items, :match) > 0)
                      AND coalesce(c.last_follow_up_at, 0) < p.purchased_at + :arose
                    GROUP BY c.id ORDER BY since LIMIT %d""", now, null, found, "match", period.match(),
                    "from", from.atStartOfDay(zone).toEpochSecond(), "to", to.atStartOfDay(zone).toEpochSecond(),
                    "arose", (period.days() - 7L) * DAY);
        }
    }

    /** Birthdays from today to {@code birthdayDays} ahead (29 February counts on 28 February in other years). */
    private void birthdays(Handle handle, TodoScope scope, Instant now, Map<Long, Draft> found) {
        LocalDate today = now.atZone(zone).toLocalDate();
        var days = new LinkedHashMap<String, Long>();
        for (int i = 0; i <= rules.birthdayDays(); i++) {
            LocalDate day = today.plusDays(i);
            days.putIfAbsent(MonthDay.from(day).toString().substring(2), (long) i);
            if (day.getMonthValue() == 2 && day.getDayOfMonth() == 28 && !day.isLeapYear()) {
                days.putIfAbsent("02-29", (long) i);
            }
        }
        String list = days.keySet().stream().map(day -> "'" + day + "'").collect(Collectors.joining(", "));
        long since = today.minusDays(rules.birthdayDays()).atStartOfDay(zone).toEpochSecond();
        handle.query("""
                SELECT c.id, c.name, c.owner_staff_id, c.birth_month_day FROM customer c
                WHERE c.birth_month_day IN (%s) AND c.opted_out = 0 AND coalesce(c.last_follow_up_at, 0) < :since AND %s LIMIT %d"""
                .formatted(list, scope.customers(), CAP), row -> {
                    String day = row.getString("birth_month_day");
                    found.computeIfAbsent(row.getLong("id"), id -> new Draft(row))
                            .add(new TodoItem.Reason(TodoReason.BIRTHDAY, days.get(day), day), false);
                    return null;
                }, params(scope, "since", since));
    }

    private void collect(Handle handle, TodoScope scope, TodoReason reason, String sql, Instant now, Long escalateBefore,
                         Map<Long, Draft> found, Object... params) {
        handle.query(sql.formatted(scope.customers(), CAP), row -> {
            long since = row.getLong("since");
            found.computeIfAbsent(row.getLong("id"), id -> new Draft(row)).add(
                    new TodoItem.Reason(reason, days(since, now), row.getString("detail")),
                    escalateBefore != null && since < escalateBefore);
            return null;
        }, params(scope, params));
    }

    static Object[] params(TodoScope scope, Object... more) {
        return Stream.concat(Stream.of(scope.params()), Stream.of(more)).toArray();
    }

    private static long days(long since, Instant now) {
        return Math.max(0, (now.getEpochSecond() - since) / DAY);
    }

    /** A customer's reasons while the queries run. */
    private static final class Draft {
        final long customerId;
        final String name;
        final Long ownerId;
        final List<TodoItem.Reason> reasons = new ArrayList<>();
        boolean escalated;
        Long taskId;

        Draft(java.sql.ResultSet row) {
            try {
                customerId = row.getLong("id");
                name = row.getString("name");
                ownerId = RowMapper.longOrNull(row, "owner_staff_id");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(TodoItem.Reason reason, boolean escalates) {
            if (reasons.stream().noneMatch(r -> r.kind() == reason.kind())) {
                reasons.add(reason);
                reasons.sort(Comparator.comparing(TodoItem.Reason::kind));
            }
            escalated |= escalates;
        }

        TodoItem item(Map<Long, String> staffNames) {
            return new TodoItem(customerId, name, ownerId, ownerId == null ? null : staffNames.get(ownerId), reasons, escalated, taskId);
        }
    }
}
