package app.liuke.survey;

import java.util.List;

/**
 * A survey from {@code bot-scripts/survey-<id>.yaml}: its title, the words before the first
 * question and after the last, and the questions in order. Immutable.
 */
public record Survey(String id, String file, Wording title, Wording intro, Wording thanks, List<Question> questions) {
    /** The surveys the code relies on: after a purchase, and for dormant customers ("why did we not see you?"). */
    public static final String AFTER_PURCHASE = "post-purchase";
    public static final String DORMANT = "dormant";

    public Survey {
        questions = List.copyOf(questions);
    }

    public Question question(int index) {
        return questions.get(index);
    }
}
