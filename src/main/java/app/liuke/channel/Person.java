package app.liuke.channel;

import java.util.Objects;

/**
 * Someone talking to the bot, as the channel names them. {@code language} is the channel's language
 * code (may be null); {@code shopAdmin} is true only when the channel proved the shop's admin token
 * (the web chat's staff mode), never because of anything the person typed.
 */
public record Person(String channel, String userId, String displayName, String username, String language,
                     boolean shopAdmin) {
    public Person {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(userId, "userId");
        displayName = displayName == null || displayName.isBlank() ? userId : displayName.strip();
    }

    public static Person of(String channel, String userId, String displayName, String language) {
        return new Person(channel, userId, displayName, null, language, false);
    }
}
