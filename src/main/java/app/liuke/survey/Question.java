package app.liuke.survey;

import java.util.List;
import java.util.Optional;

/**
 * One survey question: CSAT (1–5), NPS (0–10), one choice among options, or free text. An optional
 * question can be skipped. Immutable.
 */
public record Question(String id, Kind kind, Wording text, List<Choice> options, boolean optional) {
    public enum Kind { CSAT, NPS, CHOICE, TEXT }

    /** An option of a choice question; its id is what the button sends. */
    public record Choice(String id, Wording text) {
    }

    public Question {
        options = List.copyOf(options);
    }

    /** Whether {@code score} counts as a low score: CSAT 2 or less, NPS 6 or less. */
    public boolean low(int score) {
        return kind == Kind.CSAT ? score <= 2 : kind == Kind.NPS && score <= 6;
    }

    public int minScore() {
        return kind == Kind.CSAT ? 1 : 0;
    }

    public int maxScore() {
        return kind == Kind.CSAT ? 5 : 10;
    }

    public Optional<Choice> choice(String choiceId) {
        return options.stream().filter(option -> option.id().equals(choiceId)).findFirst();
    }
}
