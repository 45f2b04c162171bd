package app.liuke.workbench;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.outbox.Outbox;
import app.liuke.staff.Role;
import app.liuke.staff.StaffDirectory;
import app.liuke.staff.StaffMember;
import app.liuke.store.Handle;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The morning reminders (escalation): each staff member with work on their list hears how many
 * customers wait and how many follow-ups are overdue; each manager hears which overdue follow-ups
 * have waited longer than {@code escalateAfterDays} in their group (the owner: in the shop). One
 * message per person and day, keyed in the outbox, so a second run sends nothing. Stateless.
 */
public final class Reminders {
    private final Todos todos;
    private final TeamView team;
    private final StaffDirectory staff;
    private final Outbox outbox;
    private final TodoLines.Words words;

    public Reminders(Todos todos, StaffDirectory staff, Outbox outbox, TodoLines.Words words) {
        this.todos = todos;
        this.team = new TeamView(todos);
        this.staff = staff;
        this.outbox = outbox;
        this.words = words;
    }

    /** Queues the day's reminders; returns how many were queued. */
    public int run(Handle handle, LocalDate day, Instant now) {
        int queued = 0;
        for (StaffMember member : staff.list(handle)) {
            if (member.telegramUserId() == null) {
                continue;
            }
            ChatRef chat = ChatRef.privateChat("telegram", member.telegramUserId().toString());
            List<TodoItem> mine = todos.list(handle, TodoScope.staff(member.id()), now);
            if (!mine.isEmpty()) {
                long overdue = mine.stream().filter(item -> item.first().escalates()).count();
                String text = words.get("todo.remind", "name", member.name(), "count", mine.size(), "overdue", overdue);
                outbox.enqueue(handle, new Outbound.SendText(chat, text, List.of()), "remind:" + member.id() + ":" + day, null, now);
                queued++;
            }
            if (member.role().atLeast(Role.MANAGER)) {
                List<TodoItem> escalated = team.of(handle, member, now).escalated();
                if (!escalated.isEmpty()) {
                    var shown = escalated.subList(0, Math.min(escalated.size(), todos.rules().pageSize()));
                    String text = words.get("todo.escalate", "name", member.name(), "days", todos.rules().escalateAfterDays(),
                            "count", escalated.size(), "list", new TodoLines(words).lines(shown, 1, true));
                    outbox.enqueue(handle, new Outbound.SendText(chat, text, List.of()), "escalate:" + member.id() + ":" + day,
                            null, now);
                    queued++;
                }
            }
        }
        return queued;
    }
}
