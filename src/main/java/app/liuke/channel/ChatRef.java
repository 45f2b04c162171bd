package app.liuke.channel;

import java.util.Objects;

/** A chat on a channel: a private chat with one person, or a group. Channel-neutral. */
public record ChatRef(String channel, String chatId, boolean group) {
    public ChatRef {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chatId, "chatId");
    }

    public static ChatRef privateChat(String channel, String chatId) {
        return new ChatRef(channel, chatId, false);
    }

    /** The key that keeps one chat's updates in order. */
    public String key() {
        return channel + ":" + chatId;
    }
}
