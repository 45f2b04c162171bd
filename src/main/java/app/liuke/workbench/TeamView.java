package app.liuke.workbench;

import app.liuke.staff.Role;
import app.liuke.staff.StaffMember;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The managers' view (/todo team): a manager with a group sees that group, an owner (or a manager
 * without one) the whole shop. Each member's overdue follow-ups, then the customers whose follow-up
 * has been overdue longer than {@code escalateAfterDays}, which is when a reminder becomes the manager's business.
 */
public final class TeamView {
    private final Todos todos;
    private final OverdueCounts overdue;

    public TeamView(Todos todos) {
        this.todos = todos;
        this.overdue = new OverdueCounts(todos.rules());
    }

    /** One member's load; {@code staffName} null stands for customers and tasks that nobody owns. */
    public record Load(Long staffId, String staffName, long overdue, long escalated) {
    }

    public record Team(String groupName, long overdue, List<Load> loads, List<TodoItem> escalated) {
    }

    public static TodoScope scopeOf(StaffMember manager) {
        return manager.role() == Role.MANAGER && manager.groupId() != null ? TodoScope.group(manager.groupId()) : TodoScope.everyone();
    }

    public Team of(Handle handle, StaffMember manager, Instant now) {
        TodoScope scope = scopeOf(manager);
        Map<Long, OverdueCounts.Load> counts = overdue.byOwner(handle, scope, now);
        var loads = new ArrayList<Load>();
        long total = 0;
        for (var entry : counts.entrySet()) {
            String name = entry.getKey() == null ? null : handle.queryOne("SELECT name FROM staff WHERE id = :id",
                    row -> row.getString(1), "id", entry.getKey()).orElse(null);
            loads.add(new Load(entry.getKey(), name, entry.getValue().overdue(), entry.getValue().escalated()));
            total += entry.getValue().overdue();
        }
        loads.sort(java.util.Comparator.comparing((Load load) -> -load.overdue()));
        List<TodoItem> escalated = todos.list(handle, scope, now).stream()
                .filter(item -> item.escalated() || (item.ownerId() == null && item.first().escalates())).toList();
        return new Team(scope.groupId() == null ? null : manager.groupName(), total, loads, escalated);
    }
}
