package app.liuke.survey;

import app.liuke.channel.Button;
import app.liuke.channel.Outbound;
import app.liuke.staff.StaffMember;
import app.liuke.store.Handle;
import app.liuke.task.FollowUpTask;
import app.liuke.task.FollowUpTasks;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished (or lapsed) response with a low score (CSAT 2 or less, NPS 6 or less) opens a follow-up
 * task for the customer's staff member, or the managers, and tells them in chat with the customer
 * and every answer, under a button that closes the task. Stateless; runs in the caller's transaction.
 */
final class LowScoreAlerts {
    private final FollowUpTasks tasks;
    private final SurveyTexts texts;
    private final String shopLanguage;

    LowScoreAlerts(FollowUpTasks tasks, SurveyTexts texts, String shopLanguage) {
        this.tasks = tasks;
        this.texts = texts;
        this.shopLanguage = shopLanguage;
    }

    List<Outbound> check(Handle handle, Survey survey, SurveyResponse response, List<SurveyResponses.Answer> answers,
                         java.time.Instant now) {
        boolean low = answers.stream().anyMatch(answer -> answer.score() != null && survey.questions().stream()
                .anyMatch(q -> q.id().equals(answer.question()) && q.low(answer.score())));
        if (!low) {
            return List.of();
        }
        String customer = handle.queryOne("SELECT '#' || id || ' ' || name FROM customer WHERE id = :id",
                row -> row.getString(1), "id", response.customerId()).orElse("#" + response.customerId());
        String lines = describe(survey, answers);
        String text = texts.get(shopLanguage, "survey.lowScore", "customer", customer, "survey", survey.title().in(shopLanguage),
                "answers", lines);
        FollowUpTask task = tasks.openForSurvey(handle, response.customerId(), response.id(), text, now).orElse(null);
        if (task == null) {
            return List.of();
        }
        var button = List.of(List.of(new Button(texts.get(shopLanguage, "task.close"), SurveyEngine.CLOSE_TASK_BUTTON + task.id())));
        var messages = new ArrayList<Outbound>();
        for (StaffMember member : tasks.recipients(handle, task)) {
            member.chat().ifPresent(chat -> messages.add(new Outbound.SendText(chat, text, button)
                    .withLink("/#customer/" + response.customerId())));
        }
        return messages;
    }

    /** One line per answered question, in the shop's language. */
    String describe(Survey survey, List<SurveyResponses.Answer> answers) {
        var lines = new ArrayList<String>();
        for (SurveyResponses.Answer answer : answers) {
            survey.questions().stream().filter(q -> q.id().equals(answer.question())).findFirst().ifPresent(question -> {
                String label = question.text().in(shopLanguage).split("[（(]", 2)[0].strip();
                String shortLabel = label.length() > 24 ? label.substring(0, 24) + "…" : label;
                String value;
                if (answer.score() != null) {
                    value = answer.score() + "/" + question.maxScore();
                } else if (answer.choice() != null) {
                    value = question.choice(answer.choice()).map(c -> c.text().in(shopLanguage)).orElse(answer.choice());
                } else if (answer.text() != null) {
                    value = answer.text();
                } else {
                    value = texts.get(shopLanguage, "survey.skipped");
                }
                lines.add("· " + shortLabel + " → " + value);
            });
        }
        return String.join("\n", lines);
    }
}
