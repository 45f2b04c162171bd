package app.liuke.conversation;

import app.liuke.staff.Role;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One chat command, declared as a unit: its name, plain-text aliases, where it may be used and the
 * role it needs (null: anyone). The router checks place and role before {@code action} runs with
 * the text after the command.
 */
record ChatCommand(String name, List<String> aliases, Place place, Role role, BiConsumer<Chat, String> action) {
    enum Place { PRIVATE, GROUP, ANYWHERE }

    ChatCommand {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(action, "action");
    }

    static ChatCommand anyone(String name, List<String> aliases, Place place, BiConsumer<Chat, String> action) {
        return new ChatCommand(name, aliases, place, null, action);
    }

    static ChatCommand staff(String name, Role role, BiConsumer<Chat, String> action) {
        return new ChatCommand(name, List.of(), Place.PRIVATE, role, action);
    }

    void run(Chat chat, String args) {
        action.accept(chat, args);
    }
}
