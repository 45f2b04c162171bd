package app.liuke.task;

import app.liuke.staff.Role;
import app.liuke.staff.StaffMember;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Handle;
import app.liuke.store.RowMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Follow-up tasks (跟进任务): opened for the customer's own staff member, or for the managers when the
 * customer has none; closing one records who closed it and when. Stateless; runs in the caller's transaction.
 */
public final class FollowUpTasks {
    public static final String LOW_SCORE = "low-score";
    private static final String SELECT = """
            SELECT t.*, s.name AS closed_by_name FROM follow_up_task t LEFT JOIN staff s ON s.id = t.closed_by
            """;
    private final StaffDirectory staff;

    public FollowUpTasks(StaffDirectory staff) {
        this.staff = staff;
    }

    /** Opens a task about a survey response, once: empty when the response already has its task. */
    public Optional<FollowUpTask> openForSurvey(Handle handle, long customerId, long responseId, String detail, Instant now) {
        if (handle.queryLong("SELECT count(*) FROM follow_up_task WHERE survey_response_id = :response", "response", responseId) > 0) {
            return Optional.empty();
        }
        Long owner = handle.queryOne("SELECT owner_staff_id FROM customer WHERE id = :id",
                row -> RowMapper.longOrNull(row, 1), "id", customerId).orElse(null);
        long id = handle.insert("""
                INSERT INTO follow_up_task (customer_id, kind, staff_id, detail, survey_response_id, created_at)
                VALUES (:customer, :kind, :staff, :detail, :response, :now)""",
                "customer", customerId, "kind", LOW_SCORE, "staff", owner, "detail", detail, "response", responseId,
                "now", now.getEpochSecond());
        return find(handle, id);
    }

    public Optional<FollowUpTask> find(Handle handle, long id) {
        return handle.queryOne(SELECT + " WHERE t.id = :id", FollowUpTasks::map, "id", id);
    }

    /** Who hears about the task: its staff member, or every manager and owner when it has none. */
    public List<StaffMember> recipients(Handle handle, FollowUpTask task) {
        if (task.staffId() != null) {
            return staff.byId(handle, task.staffId()).stream().toList();
        }
        return staff.list(handle).stream().filter(member -> member.role().atLeast(Role.MANAGER)).toList();
    }

    /** Closes the task; false (and nothing changes) when it was already closed. */
    public boolean close(Handle handle, long id, long staffId, Instant now) {
        return handle.update("UPDATE follow_up_task SET closed_at = :now, closed_by = :staff WHERE id = :id AND closed_at IS NULL",
                "now", now.getEpochSecond(), "staff", staffId, "id", id) == 1;
    }

    public List<FollowUpTask> open(Handle handle, Long staffId) {
        return staffId == null
                ? handle.query(SELECT + " WHERE t.closed_at IS NULL ORDER BY t.id", FollowUpTasks::map)
                : handle.query(SELECT + " WHERE t.closed_at IS NULL AND t.staff_id = :staff ORDER BY t.id", FollowUpTasks::map,
                        "staff", staffId);
    }

    /** The customer's open tasks (logging a follow-up from /todo closes them). */
    public List<FollowUpTask> openFor(Handle handle, long customerId) {
        return handle.query(SELECT + " WHERE t.closed_at IS NULL AND t.customer_id = :customer ORDER BY t.id", FollowUpTasks::map,
                "customer", customerId);
    }

    private static FollowUpTask map(ResultSet row) throws SQLException {
        long closed = row.getLong("closed_at");
        Instant closedAt = row.wasNull() ? null : Instant.ofEpochSecond(closed);
        return new FollowUpTask(row.getLong("id"), row.getLong("customer_id"), row.getString("kind"),
                RowMapper.longOrNull(row, "staff_id"), row.getString("detail"),
                RowMapper.longOrNull(row, "survey_response_id"), Instant.ofEpochSecond(row.getLong("created_at")),
                closedAt, row.getString("closed_by_name"));
    }
}
