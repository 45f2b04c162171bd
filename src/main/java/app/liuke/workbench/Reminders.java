package app.liuke.workbench;

import app.liuke.channel.ChatRef;
import app.liuke.staff.Role;
import app.liuke.staff.StaffDirectory;
import app.liuke.staff.StaffMember;
import app.liuke.store.Handle;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The morning reminders (escalation): each staff member with work on their list hears how many
 * customers wait and how many follow-ups are overdue; each manager hears which overdue follow-ups
 * have waited longer than {@code escalateAfterDays} in their group (the owner: in the shop). One
 * message per person and day, keyed in the outbox, so a second run sends nothing. Worked out in a
 * read: at a million customers this takes seconds, which must not hold the write lock. Stateless.
 */
public final class Reminders {
    private final Todos todos;
    private final TeamView team;
    private final StaffDirectory staff;
    private final TodoLines.Words words;

    public Reminders(Todos todos, StaffDirectory staff, TodoLines.Words words) {
        this.todos = todos;
        this.team = new TeamView(todos);
        this.staff = staff;
        this.words = words;
    }

    /** The day's reminders. */
    public List<MorningMessage> plan(Handle handle, LocalDate day, Instant now) {
        var messages = new ArrayList<MorningMessage>();
        for (StaffMember member : staff.list(handle)) {
            if (member.chat().isEmpty()) {
                continue;
            }
            ChatRef chat = member.chat().get();
            List<TodoItem> mine = todos.list(handle, TodoScope.staff(member.id()), now);
            if (!mine.isEmpty()) {
                long overdue = mine.stream().filter(item -> item.first().escalates()).count();
                String text = words.get("todo.remind", "name", member.name(), "count", mine.size(), "overdue", overdue);
                messages.add(new MorningMessage(chat, text, "remind:" + member.id() + ":" + day));
            }
            if (member.role().atLeast(Role.MANAGER)) {
                List<TodoItem> escalated = team.of(handle, member, now).escalated();
                if (!escalated.isEmpty()) {
                    var shown = escalated.subList(0, Math.min(escalated.size(), todos.rules().pageSize()));
                    String text = words.get("todo.escalate", "name", member.name(), "days", todos.rules().escalateAfterDays(),
                            "count", escalated.size(), "list", new TodoLines(words).lines(shown, 1, true));
                    messages.add(new MorningMessage(chat, text, "escalate:" + member.id() + ":" + day));
                }
            }
        }
        return messages;
    }
}
