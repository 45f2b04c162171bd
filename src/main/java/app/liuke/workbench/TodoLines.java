package app.liuke.workbench;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Words for to-do items, shared by {@code /todo} and the morning reminders: one line per customer
 * with the customer, every reason and, for managers, whose customer it is.
 */
public final class TodoLines {
    /** The texts from bot-scripts in the reader's language ({@code todo.*}). */
    public interface Words {
        String get(String key, Object... vars);
    }

    private final Words words;

    public TodoLines(Words words) {
        this.words = words;
    }

    public String line(int number, TodoItem item, boolean withOwner) {
        String owner = !withOwner ? "" : item.ownerName() == null ? words.get("todo.unowned")
                : words.get("todo.owner", "owner", item.ownerName());
        return words.get("todo.line", "n", number, "id", item.customerId(), "customer", item.customerName() + owner,
                "reasons", reasons(item.reasons()), "escalated", item.escalated() ? words.get("todo.escalated") : "");
    }

    public String lines(List<TodoItem> items, int firstNumber, boolean withOwner) {
        var text = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            text.append(i == 0 ? "" : "\n").append(line(firstNumber + i, items.get(i), withOwner));
        }
        return text.toString();
    }

    private String reasons(List<TodoItem.Reason> reasons) {
        return reasons.stream().map(reason -> words.get("todo.reason." + reason.kind().key(), "days", reason.days(),
                "detail", reason.detail())).collect(Collectors.joining(" · "));
    }
}
