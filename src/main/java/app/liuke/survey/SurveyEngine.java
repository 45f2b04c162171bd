package app.liuke.survey;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.store.Handle;
import app.liuke.task.FollowUpTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs surveys in chat: sends the first question, takes answers from buttons (the message is edited
 * to the next question) or typed text (for text questions), thanks the customer at the end, closes
 * unfinished surveys when their time is up, reminds once, and raises low scores with staff. Every
 * method runs in the caller's transaction and returns the messages to send. Thread-safe.
 */
public final class SurveyEngine {
    /** Button data prefixes: an answer ({@code s|response|question|value}) and closing a low-score task. */
    public static final String ANSWER_BUTTON = "s|";
    public static final String CLOSE_TASK_BUTTON = "t|close|";
    private static final int SWEEP_BATCH = 500;
    private final Map<String, Survey> surveys;
    private final SurveyResponses responses;
    private final SurveyMessages messages;
    private final LowScoreAlerts alerts;
    private final SurveyTexts texts;
    private final SurveyRules rules;

    public SurveyEngine(Map<String, Survey> surveys, SurveyResponses responses, FollowUpTasks tasks, SurveyTexts texts,
                        SurveyRules rules, String shopLanguage) {
        this.surveys = Map.copyOf(surveys);
        this.responses = responses;
        this.messages = new SurveyMessages(texts);
        this.alerts = new LowScoreAlerts(tasks, texts, shopLanguage);
        this.texts = texts;
        this.rules = rules;
    }

    public enum Outcome { STARTED, ALREADY_ASKED, COOLDOWN, OPTED_OUT, UNKNOWN_SURVEY }

    /** Who is asked which survey, where, and what it counts for; {@code fromShop} applies the opt-out and cooldown. */
    public record Invitation(String survey, String occurrence, long customerId, ChatRef chat, String language, String store,
                             Long staffId, boolean fromShop) {
    }

    public record Started(Outcome outcome, Long responseId, List<Outbound> messages) {
        static Started not(Outcome outcome) {
            return new Started(outcome, null, List.of());
        }
    }

    /** A button press's answer: a short note for the presser (may be empty) and the messages. */
    public record Pressed(String toast, List<Outbound> messages) {
    }

    public Optional<Survey> survey(String id) {
        return Optional.ofNullable(surveys.get(id));
    }

    public SurveyRules rules() {
        return rules;
    }

    public Started start(Handle handle, Invitation invitation, Instant now) {
        Survey survey = surveys.get(invitation.survey());
        if (survey == null) {
            return Started.not(Outcome.UNKNOWN_SURVEY);
        }
        long customer = invitation.customerId();
        if (responses.exists(handle, survey.id(), invitation.occurrence(), customer)) {
            return Started.not(Outcome.ALREADY_ASKED);
        }
        if (invitation.fromShop() && handle.queryLong("SELECT opted_out FROM customer WHERE id = :id", "id", customer) == 1) {
            return Started.not(Outcome.OPTED_OUT);
        }
        if (invitation.fromShop() && responses.askedSince(handle, customer, now.minus(Duration.ofDays(rules.cooldownDays())))) {
            return Started.not(Outcome.COOLDOWN);
        }
        long id = responses.create(handle, survey.id(), invitation.occurrence(), customer, invitation.chat(),
                invitation.language(), invitation.store(), invitation.staffId(), now,
                now.plus(Duration.ofHours(rules.expireAfterHours())));
        String name = handle.queryOne("SELECT name FROM customer WHERE id = :id", row -> row.getString(1), "id", customer).orElse("");
        String intro = survey.intro().in(invitation.language()).replace("{name}", name);
        String text = messages.question(survey, invitation.language(), 0, intro);
        return new Started(Outcome.STARTED, id, List.of(new Outbound.SendText(invitation.chat(), text,
                messages.buttons(survey, id, invitation.language(), 0))));
    }

    /** The customer's unfinished survey, if its time is not up (a lapsed one is closed on the way). */
    public Optional<SurveyResponse> open(Handle handle, long customerId, Instant now, List<Outbound> out) {
        Optional<SurveyResponse> latest = responses.latestOpen(handle, customerId);
        if (latest.isPresent() && !latest.get().open(now)) {
            out.addAll(lapse(handle, latest.get(), now));
            return Optional.empty();
        }
        return latest.filter(response -> surveys.containsKey(response.survey()));
    }

    /** The current question again, as a new message in {@code chat}. */
    public Outbound resume(SurveyResponse response, ChatRef chat) {
        Survey survey = surveys.get(response.survey());
        return new Outbound.SendText(chat, messages.question(survey, response.language(), response.question(), null),
                messages.buttons(survey, response.id(), response.language(), response.question()));
    }

    /** A survey button: counts once, for the customer it was sent to, while the survey is open. */
    public Pressed press(Handle handle, long customerId, ChatRef chat, String data, String messageId, Instant now) {
        SurveyMessages.Press press = SurveyMessages.parse(data);
        Optional<SurveyResponse> found = press == null ? Optional.empty() : responses.find(handle, press.responseId())
                .filter(response -> response.customerId() == customerId);
        if (found.isEmpty() || !surveys.containsKey(found.get().survey())) {
            return new Pressed(texts.get(language(found), "survey.closed"), List.of());
        }
        SurveyResponse response = found.get();
        var out = new ArrayList<Outbound>();
        if (!response.open(now)) {
            out.addAll(lapse(handle, response, now));
            return new Pressed(texts.get(response.language(), "survey.closed"), out);
        }
        Survey survey = surveys.get(response.survey());
        if (press.index() != response.question() || press.index() >= survey.questions().size()) {
            return new Pressed(texts.get(response.language(), "survey.answered"), List.of());
        }
        Optional<SurveyResponses.Answer> answer = parse(survey.question(press.index()), press.value());
        if (answer.isEmpty() || !responses.answer(handle, response.id(), press.index(), survey.question(press.index()),
                answer.get(), now)) {
            return new Pressed(texts.get(response.language(), "survey.answered"), List.of());
        }
        next(handle, survey, response, press.index() + 1, chat, messageId, now, out);
        return new Pressed("", out);
    }

    /** Typed text while the customer's survey waits for a text answer; empty when no survey is waiting for one. */
    public Optional<List<Outbound>> typed(Handle handle, long customerId, ChatRef chat, String text, Instant now) {
        var out = new ArrayList<Outbound>();
        Optional<SurveyResponse> open = open(handle, customerId, now, out);
        if (open.isEmpty() || !open.get().chat().equals(chat)) {
            return out.isEmpty() ? Optional.empty() : Optional.of(out);
        }
        SurveyResponse response = open.get();
        Survey survey = surveys.get(response.survey());
        Question question = survey.question(response.question());
        if (question.kind() != Question.Kind.TEXT) {
            return Optional.empty();
        }
        var answer = new SurveyResponses.Answer(question.id(), "text", null, null, text);
        if (responses.answer(handle, response.id(), response.question(), question, answer, now)) {
            next(handle, survey, response, response.question() + 1, chat, null, now, out);
        }
        return Optional.of(out);
    }

    /**
     * What a tick sends: low-score alerts to staff, and reminders to customers. A reminder was not asked
     * for, so it is contact like a campaign's (the gate holds it in the quiet hours and drops it after an
     * opt-out), and it lapses with its survey.
     */
    public record Ticked(List<Outbound> staff, List<Reminder> reminders) {
    }

    public record Reminder(long customerId, Outbound message, Instant until) {
    }

    /** Closes surveys whose time is up and sends the one reminder to those who have not finished. */
    public Ticked tick(Handle handle, Instant now) {
        var out = new ArrayList<Outbound>();
        var reminders = new ArrayList<Reminder>();
        for (SurveyResponse response : responses.lapsed(handle, now, SWEEP_BATCH)) {
            out.addAll(lapse(handle, response, now));
        }
        Instant invitedBefore = now.minus(Duration.ofHours(rules.remindAfterHours()));
        for (SurveyResponse response : responses.unreminded(handle, invitedBefore, now, SWEEP_BATCH)) {
            responses.reminded(handle, response.id(), now);
            Survey survey = surveys.get(response.survey());
            if (survey != null) {
                reminders.add(new Reminder(response.customerId(), new Outbound.SendText(response.chat(), texts.get(response.language(),
                        "survey.reminder", "title", survey.title().in(response.language())), List.of(List.of(new app.liuke.channel.Button(
                        texts.get(response.language(), "survey.continue"), "c|/survey")))), response.expiresAt()));
            }
        }
        return new Ticked(out, reminders);
    }

    private void next(Handle handle, Survey survey, SurveyResponse response, int index, ChatRef chat, String messageId,
                      Instant now, List<Outbound> out) {
        String language = response.language();
        if (index < survey.questions().size()) {
            String text = messages.question(survey, language, index, null);
            var buttons = messages.buttons(survey, response.id(), language, index);
            out.add(messageId == null ? new Outbound.SendText(chat, text, buttons) : new Outbound.EditText(chat, messageId, text, buttons));
            return;
        }
        responses.finish(handle, response.id(), "completed", now);
        String thanks = survey.thanks().in(language);
        out.add(messageId == null ? new Outbound.SendText(chat, thanks) : new Outbound.EditText(chat, messageId, thanks, List.of()));
        out.addAll(alerts.check(handle, survey, response, responses.answers(handle, response.id()), now));
    }

    /** Time is up: the survey closes; answers given so far still count, and a low one still reaches staff. */
    private List<Outbound> lapse(Handle handle, SurveyResponse response, Instant now) {
        responses.finish(handle, response.id(), "expired", now);
        Survey survey = surveys.get(response.survey());
        return survey == null ? List.of() : alerts.check(handle, survey, response, responses.answers(handle, response.id()), now);
    }

    private static Optional<SurveyResponses.Answer> parse(Question question, String value) {
        if (value.equals(SurveyMessages.SKIP)) {
            return question.optional() ? Optional.of(new SurveyResponses.Answer(question.id(), null, null, null, null))
                    : Optional.empty();
        }
        return switch (question.kind()) {
            case CSAT, NPS -> value.matches("\\d{1,2}") && Integer.parseInt(value) >= question.minScore()
                    && Integer.parseInt(value) <= question.maxScore()
                    ? Optional.of(new SurveyResponses.Answer(question.id(), null, Integer.parseInt(value), null, null))
                    : Optional.empty();
            case CHOICE -> question.choice(value).map(choice -> new SurveyResponses.Answer(question.id(), null, null, value, null));
            case TEXT -> Optional.empty();
        };
    }

    private static String language(Optional<SurveyResponse> response) {
        return response.map(SurveyResponse::language).orElse("zh-CN");
    }
}
