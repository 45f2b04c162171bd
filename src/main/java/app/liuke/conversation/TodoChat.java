package app.liuke.conversation;

import app.liuke.campaign.HolidayCalendar;
import app.liuke.channel.Button;
import app.liuke.channel.Inbound;
import app.liuke.channel.Outbound;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.FollowUpService;
import app.liuke.customer.CustomerService;
import app.liuke.staff.Role;
import app.liuke.staff.StaffMember;
import app.liuke.task.FollowUpTasks;
import app.liuke.workbench.TodoItem;
import app.liuke.workbench.TodoLines;
import app.liuke.workbench.TodoScope;
import app.liuke.workbench.Todos;
import app.liuke.workbench.TeamView;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * /todo (待办): a staff member's customers to follow up today, a page at a time, each with a button
 * to log the follow-up (the next message they type is the note) and one to open the card; and
 * {@code /todo team} for managers: each member's load and what has escalated to them.
 */
final class TodoChat {
    static final String BUTTON = "todo|";
    private static final String NOTE_STATE = "_todo-note";
    private static final Duration NOTE_WAIT = Duration.ofMinutes(30);
    private final Todos todos;
    private final TeamView team;
    private final CustomerService customers;
    private final FollowUpService followUps;
    private final FollowUpTasks tasks;
    private final DialogueStates states;
    private final StaffCommands cards;
    private final List<app.liuke.campaign.CampaignSettings.Holiday> holidays;
    private final ZoneId zone;

    TodoChat(Todos todos, TeamView team, CustomerService customers, FollowUpService followUps, FollowUpTasks tasks,
             DialogueStates states, StaffCommands cards, List<app.liuke.campaign.CampaignSettings.Holiday> holidays, ZoneId zone) {
        this.todos = todos;
        this.team = team;
        this.customers = customers;
        this.followUps = followUps;
        this.tasks = tasks;
        this.states = states;
        this.cards = cards;
        this.holidays = List.copyOf(holidays);
        this.zone = zone;
    }

    ChatCommand command() {
        return new ChatCommand("todo", List.of("待办"), ChatCommand.Place.PRIVATE, Role.STAFF, this::todo);
    }

    List<ButtonRoute> buttons() {
        return List.of(new ButtonRoute(BUTTON, this::pressed));
    }

    private void todo(Chat chat, String args) {
        String word = args.strip().toLowerCase(java.util.Locale.ROOT);
        if (word.equals("team") || word.equals("团队")) {
            teamView(chat);
        } else if (word.isEmpty() || word.matches("\\d{1,4}")) {
            var page = page(chat, word.isEmpty() ? 1 : Integer.parseInt(word));
            chat.reply(page.text(), page.buttons());
        } else {
            chat.say("todo.usage");
        }
    }

    private record Page(String text, List<List<Button>> buttons) {
    }

    private Page page(Chat chat, int wanted) {
        StaffMember me = chat.staff().orElseThrow();
        List<TodoItem> items = todos.list(chat.handle(), TodoScope.staff(me.id()), chat.now());
        String whose = me.name();
        if (items.isEmpty() && me.role().atLeast(app.liuke.staff.Role.MANAGER) && ownsNobody(chat, me)) {
            // An owner or manager without customers of their own sees the shop's (or the group's) list, never a false all-clear.
            boolean shop = me.role() == app.liuke.staff.Role.OWNER || me.groupId() == null;
            items = todos.list(chat.handle(), shop ? TodoScope.everyone() : TodoScope.group(me.groupId()), chat.now());
            whose = shop ? chat.text("todo.whole.shop") : chat.text("todo.whole.group", "group", me.groupName());
        }
        String week = holidaysThisWeek(chat);
        if (items.isEmpty()) {
            return new Page(chat.text("todo.none", "name", whose) + week, List.of());
        }
        int size = todos.rules().pageSize();
        int pages = (items.size() + size - 1) / size;
        int page = Math.max(1, Math.min(wanted, pages));
        List<TodoItem> shown = items.subList((page - 1) * size, Math.min(items.size(), page * size));
        int first = (page - 1) * size + 1;
        String text = chat.text("todo.header", "name", whose, "count", items.size(), "page", page, "pages", pages)
                + "\n" + new TodoLines(chat::text).lines(shown, first, false) + week;
        var buttons = itemButtons(chat, shown, first);
        var navigation = new ArrayList<Button>();
        if (page > 1) {
            navigation.add(new Button(chat.text("todo.button.previous"), BUTTON + "p|" + (page - 1)));
        }
        if (page < pages) {
            navigation.add(new Button(chat.text("todo.button.next"), BUTTON + "p|" + (page + 1)));
        }
        if (!navigation.isEmpty()) {
            buttons.add(navigation);
        }
        return new Page(text, buttons);
    }

    private static boolean ownsNobody(Chat chat, StaffMember me) {
        return chat.handle().queryLong("SELECT count(*) FROM customer WHERE owner_staff_id = :me", "me", me.id()) == 0;
    }

    private List<List<Button>> itemButtons(Chat chat, List<TodoItem> items, int first) {
        var rows = new ArrayList<List<Button>>();
        for (int i = 0; i < items.size(); i++) {
            long id = items.get(i).customerId();
            rows.add(List.of(new Button(chat.text("todo.button.note", "n", first + i), BUTTON + "n|" + id),
                    new Button(chat.text("todo.button.card", "n", first + i), BUTTON + "c|" + id)));
        }
        return rows;
    }

    private String holidaysThisWeek(Chat chat) {
        LocalDate today = LocalDate.ofInstant(chat.now(), zone);
        var upcoming = HolidayCalendar.between(holidays, today, today.plusDays(6));
        if (upcoming.isEmpty()) {
            return "";
        }
        return chat.text("todo.holidays", "list", String.join(chat.text("punct.list"), upcoming.stream()
                .map(h -> h.label() + " " + h.date().toString().substring(5)).toList()));
    }

    private void teamView(Chat chat) {
        StaffMember me = chat.staff().orElseThrow();
        if (!me.role().atLeast(Role.MANAGER)) {
            chat.say("refused.role", "command", "todo team", "role", chat.text("role.manager"));
            return;
        }
        TeamView.Team view = team.of(chat.handle(), me, chat.now());
        var text = new StringBuilder(chat.text("todo.teamHeader", "group", view.groupName() == null ? chat.text("todo.wholeShop")
                : view.groupName(), "overdue", view.overdue()));
        for (TeamView.Load load : view.loads()) {
            text.append('\n').append(chat.text("todo.staffLine", "staff", load.staffName() == null ? chat.text("todo.nobody")
                    : load.staffName(), "overdue", load.overdue(), "escalated", load.escalated()));
        }
        List<TodoItem> shown = view.escalated().subList(0, Math.min(view.escalated().size(), todos.rules().pageSize()));
        if (shown.isEmpty()) {
            text.append(chat.text("todo.noEscalated"));
        } else {
            text.append(chat.text("todo.escalatedHeader", "days", todos.rules().escalateAfterDays(), "count", view.escalated().size()))
                    .append('\n').append(new TodoLines(chat::text).lines(shown, 1, true));
        }
        chat.reply(text.toString(), itemButtons(chat, shown, 1));
    }

    private void pressed(Chat chat, Inbound.ButtonPress press) {
        String[] parts = press.data().substring(BUTTON.length()).split("\\|");
        if (chat.staff().isEmpty()) {
            chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(),
                    chat.text("refused.role", "command", "todo", "role", chat.text("role.staff"))));
            return;
        }
        chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), ""));
        if (parts.length != 2 || !parts[1].matches("\\d{1,18}")) {
            return;
        }
        long value = Long.parseLong(parts[1]);
        switch (parts[0]) {
            case "p" -> {
                var page = page(chat, (int) Math.min(value, 9999));
                chat.send(press.messageId() == null ? new Outbound.SendText(chat.where(), page.text(), page.buttons())
                        : new Outbound.EditText(chat.where(), press.messageId(), page.text(), page.buttons()));
            }
            case "c" -> cards.customer(chat, "#" + value);
            case "n" -> askNote(chat, value);
            default -> { }
        }
    }

    private void askNote(Chat chat, long customerId) {
        var customer = customers.find(chat.handle(), customerId);
        if (customer.isEmpty()) {
            chat.say("staff.customer.none", "query", "#" + customerId);
            return;
        }
        states.save(chat.handle(), chat.where(), new DialogueState(NOTE_STATE, Long.toString(customerId), Map.of(),
                chat.now().plus(NOTE_WAIT)), chat.now());
        chat.say("todo.askNote", "name", customer.get().name());
    }

    /** The note a staff member types after pressing 📝; false when no note is awaited. */
    boolean typed(Chat chat, String text) {
        Optional<DialogueState> state = states.find(chat.handle(), chat.where());
        if (state.isEmpty() || !state.get().script().equals(NOTE_STATE)) {
            return false;
        }
        states.clear(chat.handle(), chat.where());
        var customer = customers.find(chat.handle(), Long.parseLong(state.get().step()));
        if (state.get().expired(chat.now()) || customer.isEmpty() || chat.staff().isEmpty()) {
            chat.say("todo.noteExpired");
            return true;
        }
        String note = ChatInput.clean(text, CustomerDraft.MAX_NOTES);
        long staffId = chat.staff().get().id();
        followUps.record(chat.handle(), customer.get().id(), staffId, null, StaffCommands.method(note), note, chat.now());
        for (var task : tasks.openFor(chat.handle(), customer.get().id())) {
            tasks.close(chat.handle(), task.id(), staffId, chat.now());
        }
        chat.say("staff.note.done", "name", customer.get().name(), "text", note);
        return true;
    }
}
