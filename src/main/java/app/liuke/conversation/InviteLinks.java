package app.liuke.conversation;

import app.liuke.store.Handle;
import java.time.Instant;
import java.util.Optional;

/** The link a member shares to invite friends, per channel: a Telegram deep link, a WeChat QR code. */
@FunctionalInterface
public interface InviteLinks {
    /** The link that starts a chat with {@code payload} (e.g. ref_AB12CD) on {@code channel}; empty when there is none. */
    Optional<String> link(Handle handle, String channel, String payload, Instant now);

    static InviteLinks none() {
        return (handle, channel, payload, now) -> Optional.empty();
    }
}
