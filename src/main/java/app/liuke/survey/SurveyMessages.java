package app.liuke.survey;

import app.liuke.channel.Button;
import java.util.ArrayList;
import java.util.List;

/**
 * How a survey looks in chat: the question with its number, and its buttons. Button data is
 * {@code s|<response>|<question>|<value>} (well under Telegram's 64 bytes), so a press names the
 * exact question it answers. Stateless and thread-safe.
 */
final class SurveyMessages {
    static final String BUTTON = SurveyEngine.ANSWER_BUTTON;
    static final String SKIP = "-";
    private final SurveyTexts texts;

    SurveyMessages(SurveyTexts texts) {
        this.texts = texts;
    }

    /** The text of question {@code index}; {@code intro} (may be null) goes before it. */
    String question(Survey survey, String language, int index, String intro) {
        Question question = survey.question(index);
        var text = new StringBuilder();
        if (intro != null) {
            text.append(intro).append("\n\n");
        }
        text.append(texts.get(language, "survey.heading", "title", survey.title().in(language), "number", index + 1,
                "total", survey.questions().size()));
        text.append('\n').append(question.text().in(language));
        if (question.kind() == Question.Kind.TEXT) {
            text.append('\n').append(texts.get(language, question.optional() ? "survey.typeOrSkip" : "survey.type"));
        }
        return text.toString();
    }

    List<List<Button>> buttons(Survey survey, long responseId, String language, int index) {
        Question question = survey.question(index);
        String prefix = BUTTON + responseId + "|" + index + "|";
        var rows = new ArrayList<List<Button>>();
        switch (question.kind()) {
            case CSAT -> rows.add(scores(prefix, 1, 5));
            case NPS -> {
                rows.add(scores(prefix, 0, 5));
                rows.add(scores(prefix, 6, 10));
            }
            case CHOICE -> question.options().forEach(option ->
                    rows.add(List.of(new Button(option.text().in(language), prefix + option.id()))));
            case TEXT -> {
            }
        }
        if (question.optional()) {
            rows.add(List.of(new Button(texts.get(language, "survey.skip"), prefix + SKIP)));
        }
        return rows;
    }

    private static List<Button> scores(String prefix, int from, int to) {
        var row = new ArrayList<Button>();
        for (int score = from; score <= to; score++) {
            row.add(new Button(String.valueOf(score), prefix + score));
        }
        return row;
    }

    /** The pressed button's parts: response id, question index and value; null when it is not a survey button. */
    static Press parse(String data) {
        if (data == null || !data.startsWith(BUTTON)) {
            return null;
        }
        String[] parts = data.substring(BUTTON.length()).split("\\|", 3);
        if (parts.length != 3 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,2}")) {
            return null;
        }
        return new Press(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), parts[2]);
    }

    record Press(long responseId, int index, String value) {
    }
}
