package app.liuke.conversation.script;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A dialogue from {@code bot-scripts/}: started by its {@code command} (or a plain-text alias such
 * as 生日) or by the code, it walks its steps; the first step is the start. An unanswered dialogue
 * lapses after {@code timeout}.
 */
public record Dialogue(String name, String file, String command, List<String> aliases, Duration timeout, List<Step> steps) {
    public Dialogue {
        aliases = List.copyOf(aliases);
        steps = List.copyOf(steps);
    }

    public Step first() {
        return steps.get(0);
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(step -> step.id().equals(id)).findFirst();
    }
}
