package app.liuke.channel.weixin;

import app.liuke.store.Database;
import app.liuke.store.Dialect;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Access tokens kept in the database ({@code channel_token}), so that the instances of a chain share
 * one token per channel instead of retiring each other's (issue #18), and a restart reuses it. On
 * PostgreSQL the instance that finds the token due holds a lock on the channel while it fetches a new
 * one; the others wait and then take the new one. On SQLite there is one instance: no lock is held
 * across the call to WeChat, which would stop every writer. Stateless apart from the database; thread-safe.
 */
public final class SharedTokens implements TokenStore {
    private final Database database;

    public SharedTokens(Database database) {
        this.database = database;
    }

    @Override
    public Stored current(String channel, Predicate<Stored> usable, Supplier<Stored> fetch) {
        if (database.dialect() == Dialect.SQLITE) {
            Optional<Stored> kept = database.read(handle -> find(handle, channel));
            if (kept.isPresent() && usable.test(kept.get())) {
                return kept.get();
            }
            Stored fresh = fetch.get();
            database.useTransaction(handle -> save(handle, channel, fresh));
            return fresh;
        }
        // Outside the process's write turns (urgent: a send waits for it), so a slow or unreachable WeChat
        // holds up only the callers that need the token, not every writer of the instance.
        return database.urgentTransaction(handle -> {
            handle.lock("token:" + channel);
            Optional<Stored> kept = find(handle, channel);
            if (kept.isPresent() && usable.test(kept.get())) {
                return kept.get();
            }
            Stored fresh = fetch.get();
            save(handle, channel, fresh);
            return fresh;
        });
    }

    private static Optional<Stored> find(Handle handle, String channel) {
        return handle.queryOne("SELECT token, expires_at FROM channel_token WHERE channel = :channel",
                row -> new Stored(row.getString(1), Instant.ofEpochSecond(row.getLong(2))), "channel", channel);
    }

    private static void save(Handle handle, String channel, Stored stored) {
        handle.update("""
                INSERT INTO channel_token (channel, token, expires_at) VALUES (:channel, :token, :expires)
                ON CONFLICT (channel) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at""",
                "channel", channel, "token", stored.token(), "expires", stored.expiresAt().getEpochSecond());
    }
}
