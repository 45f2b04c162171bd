package app.liuke.channel.weixin;

import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Where an access token is kept besides the memory of one {@link WeixinApi}: shared by the instances of a chain. */
public interface TokenStore {
    /** An access token and when it expires. */
    record Stored(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Stored[token=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** Keeps nothing: every {@link WeixinApi} fetches its own token (a command-line tool, a test). */
    TokenStore NONE = (channel, usable, fetch) -> fetch.get();

    /**
     * The kept token of {@code channel} when it is {@code usable}; otherwise one from {@code fetch},
     * which is kept for the others. Of several instances asking at once, one fetches.
     */
    Stored current(String channel, Predicate<Stored> usable, Supplier<Stored> fetch);
}
