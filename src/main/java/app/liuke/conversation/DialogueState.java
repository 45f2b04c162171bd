package app.liuke.conversation;

import java.time.Instant;
import java.util.Map;

/** Where a chat stands in a dialogue: the script, the step waiting for an answer, the answers so far, and when it lapses. */
record DialogueState(String script, String step, Map<String, String> answers, Instant expiresAt) {
    DialogueState {
        answers = Map.copyOf(answers);
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
