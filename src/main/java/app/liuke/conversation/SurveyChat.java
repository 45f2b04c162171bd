package app.liuke.conversation;

import app.liuke.channel.Inbound;
import app.liuke.channel.Outbound;
import app.liuke.survey.Survey;
import app.liuke.survey.SurveyEngine;
import app.liuke.task.FollowUpTask;
import app.liuke.task.FollowUpTasks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Surveys in chat: {@code /survey} resumes the customer's unfinished survey or starts the one after
 * their latest purchase; survey buttons and typed answers go to the {@link SurveyEngine}; staff
 * close a low-score task with the button under its alert. Stateless and thread-safe.
 */
final class SurveyChat {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final SurveyEngine engine;
    private final FollowUpTasks tasks;
    private final Members members;
    private final ZoneId zone;

    SurveyChat(SurveyEngine engine, FollowUpTasks tasks, Members members, ZoneId zone) {
        this.engine = engine;
        this.tasks = tasks;
        this.members = members;
        this.zone = zone;
    }

    ChatCommand command() {
        return ChatCommand.anyone("survey", List.of("问卷", "满意度调查"), ChatCommand.Place.PRIVATE, this::survey);
    }

    List<ButtonRoute> buttons() {
        return List.of(new ButtonRoute(SurveyEngine.ANSWER_BUTTON, this::answer), new ButtonRoute(SurveyEngine.CLOSE_TASK_BUTTON, this::closeTask));
    }

    private void survey(Chat chat, String args) {
        startOrResume(chat);
    }

    /** Resumes the customer's unfinished survey, or starts the one after their latest purchase. */
    void startOrResume(Chat chat) {
        long customerId = members.register(chat.handle(), chat.who(), chat.who().channel(), chat.now()).customerId();
        var out = new ArrayList<Outbound>();
        var open = engine.open(chat.handle(), customerId, chat.now(), out);
        out.forEach(chat::send);
        if (open.isPresent()) {
            chat.send(engine.resume(open.get(), chat.where()));
            return;
        }
        Instant since = chat.now().minus(Duration.ofDays(engine.rules().afterPurchaseDays()));
        var purchase = chat.handle().queryOne("""
                SELECT p.id, p.store, COALESCE(p.staff_id, c.owner_staff_id) FROM purchase p JOIN customer c ON c.id = p.customer_id
                WHERE p.customer_id = :customer AND p.purchased_at >= :since ORDER BY p.purchased_at DESC, p.id DESC LIMIT 1""",
                row -> new Object[] {row.getLong(1), row.getString(2), app.liuke.store.RowMapper.longOrNull(row, 3)},
                "customer", customerId, "since", since.getEpochSecond());
        if (purchase.isPresent()) {
            var started = engine.start(chat.handle(), new SurveyEngine.Invitation(Survey.AFTER_PURCHASE,
                    "purchase-" + purchase.get()[0], customerId, chat.where(), chat.language(), (String) purchase.get()[1],
                    (Long) purchase.get()[2], false), chat.now());
            if (started.outcome() == SurveyEngine.Outcome.STARTED) {
                started.messages().forEach(chat::send);
                return;
            }
        }
        chat.say("survey.none");
    }

    /** Free text while a survey waits for a typed answer; false when none is waiting. */
    boolean typed(Chat chat, String text) {
        Optional<Long> customerId = members.customerOf(chat.handle(), chat.who());
        if (chat.inGroup() || customerId.isEmpty()) {
            return false;
        }
        var out = engine.typed(chat.handle(), customerId.get(), chat.where(), ChatInput.clean(text, 1000), chat.now());
        out.ifPresent(messages -> messages.forEach(chat::send));
        return out.isPresent();
    }

    private void answer(Chat chat, Inbound.ButtonPress press) {
        Optional<Long> customerId = members.customerOf(chat.handle(), chat.who());
        var pressed = engine.press(chat.handle(), customerId.orElse(-1L), chat.where(), press.data(), press.messageId(), chat.now());
        chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), pressed.toast()));
        pressed.messages().forEach(chat::send);
    }

    private void closeTask(Chat chat, Inbound.ButtonPress press) {
        String id = press.data().substring(SurveyEngine.CLOSE_TASK_BUTTON.length());
        Optional<FollowUpTask> task = id.matches("\\d{1,18}") ? tasks.find(chat.handle(), Long.parseLong(id)) : Optional.empty();
        String toast;
        if (chat.staff().isEmpty()) {
            toast = chat.text("refused.role", "command", "todo", "role", chat.text("role.staff"));
        } else if (task.isEmpty()) {
            toast = chat.text("task.gone");
        } else if (!tasks.close(chat.handle(), task.get().id(), chat.staff().get().id(), chat.now())) {
            toast = chat.text("task.alreadyClosed", "staff", task.get().closedByName());
        } else {
            toast = "";
            String closed = chat.text("task.closed", "staff", chat.staff().get().name(),
                    "time", LocalDateTime.ofInstant(chat.now(), zone).format(WHEN));
            chat.send(press.messageId() == null ? new Outbound.SendText(chat.where(), task.get().detail() + closed)
                    : new Outbound.EditText(chat.where(), press.messageId(), task.get().detail() + closed, List.of()));
        }
        chat.send(new Outbound.AnswerButton(chat.where(), press.callbackId(), toast));
    }
}
