package app.liuke.conversation.script;

import java.util.List;
import java.util.Map;

/**
 * One step of a dialogue. It says {@code say} (a text key), then either waits for input (when it
 * has {@code expect} or buttons) or completes at once. On completion its actions run and the
 * dialogue goes to the button's {@code next}, the {@code branch} for the answer, or {@code next};
 * with none of these the dialogue ends.
 */
public record Step(String id, String say, String expect, String invalid, String save, List<ScriptButton> buttons,
                   Map<String, String> branch, String next, List<ScriptAction> actions) {
    public Step {
        buttons = List.copyOf(buttons);
        branch = Map.copyOf(branch);
        actions = List.copyOf(actions);
    }

    public boolean waits() {
        return expect != null || !buttons.isEmpty();
    }

    /** Where the answer leads: a branch for this exact answer, else {@code next} (null ends the dialogue). */
    public String after(String answer) {
        for (ScriptButton button : buttons) {
            if (button.value().equals(answer) && button.next() != null) {
                return button.next();
            }
        }
        return answer == null ? next : branch.getOrDefault(answer.strip().toLowerCase(java.util.Locale.ROOT), next);
    }
}
