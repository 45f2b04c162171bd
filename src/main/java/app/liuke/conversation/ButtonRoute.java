package app.liuke.conversation;

import app.liuke.channel.Inbound;
import java.util.function.BiConsumer;

/**
 * Buttons whose data starts with {@code prefix} (e.g. {@code s|} for surveys) go to {@code action},
 * which answers the press itself. The router checks nothing else: the action checks who pressed.
 */
record ButtonRoute(String prefix, BiConsumer<Chat, Inbound.ButtonPress> action) {
}
