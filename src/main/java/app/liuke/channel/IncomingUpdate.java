package app.liuke.channel;

import java.util.Objects;

/** An update a channel just delivered, before it is in the inbox. {@code chatKey} orders it among its chat's updates. */
public record IncomingUpdate(String channel, long updateId, String chatKey, String payload) {
    public IncomingUpdate {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chatKey, "chatKey");
        Objects.requireNonNull(payload, "payload");
    }
}
