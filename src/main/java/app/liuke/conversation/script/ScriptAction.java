package app.liuke.conversation.script;

import java.util.Set;

/**
 * Something a step does when it completes: {@code set-birthday} (from the answer), {@code tag}
 * (argument: the tag), {@code notify-owner} (argument: a text key sent to the customer's staff
 * member), {@code opt-out}, {@code opt-in}.
 */
public record ScriptAction(String kind, String argument) {
    public static final Set<String> KINDS = Set.of("set-birthday", "tag", "notify-owner", "opt-out", "opt-in");
    public static final Set<String> WITH_ARGUMENT = Set.of("tag", "notify-owner");
}
