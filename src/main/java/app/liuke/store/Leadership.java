package app.liuke.store;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance leads (issue #18). Several instances on one PostgreSQL database share the inbox and
 * the outbox, but the scheduled work (campaign slots, the daily sweep, reminders, the digest) and the
 * dispatcher (whose rate limits are counted in one process) run on one of them: the holder of a lease
 * row in {@code leader_lease}, renewed every {@link #RENEW_EVERY}. When the leader dies, its lease
 * lapses after {@link #TERM} and the next instance to renew takes it. On SQLite there is one instance,
 * which always leads. The lease is about processes being alive, not about the shop's day, so it is
 * timed by the database's clock and, locally, by the monotonic {@code System.nanoTime}; the shop's
 * {@code Clock}, which tests move, has no say in it. Thread-safe.
 */
public final class Leadership implements AutoCloseable {
    public static final Duration TERM = Duration.ofSeconds(15);
    static final Duration RENEW_EVERY = Duration.ofSeconds(3);
    /** A leader stops acting this long before its lease ends, so two never act at once. */
    private static final Duration MARGIN = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    private final Database database;
    private final String instance = UUID.randomUUID().toString();
    /** Until when (System.nanoTime) this instance may act as the leader; 0 when it may not. */
    private volatile long actUntil;
    private volatile boolean wasLeader;
    private ScheduledExecutorService renewer;

    private Leadership(Database database) {
        this.database = database;
    }

    /** The leadership of {@code database}'s instances: a lease on PostgreSQL, always this one on SQLite. */
    public static Leadership of(Database database) {
        return new Leadership(database);
    }

    public String instance() {
        return instance;
    }

    /** True while this instance holds the lease (always, on SQLite). */
    public boolean leads() {
        long until = actUntil;
        return database.dialect() == Dialect.SQLITE || until != 0 && System.nanoTime() - until < 0;
    }

    /** Takes or renews the lease when it is free, lapsed or already ours; true when this instance leads. */
    public boolean renew() {
        if (database.dialect() == Dialect.SQLITE) {
            return true;
        }
        long asked = System.nanoTime();
        boolean held = database.transaction(handle -> {
            handle.update("""
                    INSERT INTO leader_lease (name, holder, until)
                    VALUES ('leader', :me, CAST(extract(epoch FROM clock_timestamp()) AS BIGINT) + :term)
                    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
                    WHERE leader_lease.holder = excluded.holder
                       OR leader_lease.until < CAST(extract(epoch FROM clock_timestamp()) AS BIGINT)""",
                    "me", instance, "term", TERM.toSeconds());
            return handle.queryOne("SELECT holder FROM leader_lease WHERE name = 'leader'", row -> row.getString(1))
                    .map(instance::equals).orElse(false);
        });
        long until = asked + TERM.minus(MARGIN).toNanos();
        actUntil = held ? (until == 0 ? 1 : until) : 0;
        if (held != wasLeader) {
            LOG.info(held ? "this instance ({}) now leads: it runs the scheduled work and the dispatcher"
                    : "this instance ({}) no longer leads", instance);
            wasLeader = held;
        }
        return held;
    }

    /** Renews in the background (PostgreSQL only). */
    public synchronized Leadership start() {
        if (database.dialect() == Dialect.SQLITE || renewer != null) {
            return this;
        }
        renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "liuke-leadership");
            thread.setDaemon(true);
            return thread;
        });
        renewer.scheduleWithFixedDelay(() -> {
            try {
                renew();
            } catch (RuntimeException e) {
                actUntil = 0;
                LOG.warn("could not renew the leader lease ({}); not leading until it can", e.toString());
            }
        }, 0, RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops renewing and hands the lease back, so another instance takes over at once. */
    @Override
    public synchronized void close() {
        if (renewer == null) {
            return;
        }
        renewer.shutdownNow();
        renewer = null;
        try {
            database.useTransaction(handle -> handle.update("UPDATE leader_lease SET until = 0 WHERE name = 'leader' AND holder = :me",
                    "me", instance));
        } catch (RuntimeException e) {
            LOG.debug("could not hand the leader lease back: {}", e.toString());
        }
        actUntil = 0;
    }
}
