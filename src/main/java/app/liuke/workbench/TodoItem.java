package app.liuke.workbench;

import java.util.List;

/**
 * One customer on a to-do list with every reason they are on it. {@code escalated}: an overdue
 * reason has been overdue longer than {@code workbench.escalateAfterDays}, so managers see it too.
 * {@code taskId} is the open low-score task, if any.
 */
public record TodoItem(long customerId, String customerName, Long ownerId, String ownerName, List<Reason> reasons,
                       boolean escalated, Long taskId) {

    /** One reason: {@code days} overdue / since / until (by kind), {@code detail} an item name or a date. */
    public record Reason(TodoReason kind, long days, String detail) {
    }

    public TodoItem {
        reasons = List.copyOf(reasons);
    }

    public TodoReason first() {
        return reasons.get(0).kind();
    }
}
