package app.liuke.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The SQLite write-ahead log's background checkpoint. No commit pays for a checkpoint (and its fsync):
 * SQLite's automatic one is off, and this copies the log into the database file without blocking
 * writers (PASSIVE), once a second, off every request's path. With the automatic checkpoint, the
 * commit that crossed 1,000 pages paid for it, fsync included, which was most of the purchases' p99
 * (docs/benchmarks.md). Runs on one thread.
 */
final class WalCheckpoint {
    /**
     * A write-ahead log longer than this many pages (4 KB each: 128 MB) is restarted by the background
     * checkpoint. Each restart costs the writers a wait; at 64 MB, liuke simulate's year took 8 % longer.
     */
    static final long RESTART_FRAMES = 32_000;
    private final DataSource pool;
    private final WriteTurns writers;
    private final int busyTimeoutMs;

    WalCheckpoint(DataSource pool, WriteTurns writers, int busyTimeoutMs) {
        this.pool = pool;
        this.writers = writers;
        this.busyTimeoutMs = busyTimeoutMs;
    }

    void run() {
        try (Connection connection = pool.getConnection(); var statement = connection.createStatement()) {
            long frames;
            try (var result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                frames = result.next() ? result.getLong(2) : 0;
            }
            if (frames > RESTART_FRAMES) {
                // Under writes that never pause, a PASSIVE checkpoint never catches up with the last commit, so the
                // log is never started again and grows without end (1.4 GB in 20 s under liuke simulate), and every
                // commit and read pays for it. Once it is long, the in-process writers wait one turn while the rest
                // is copied (little is left after the PASSIVE pass) and the next commit starts the log from the top.
                // A reader still on an old snapshot (a long report) would hold it up: then it gives up within 100 ms
                // and tries again a second later, so the writers never wait longer than that.
                writers.acquire(false);
                try {
                    statement.execute("PRAGMA busy_timeout = 100");
                    try (var result = statement.executeQuery("PRAGMA wal_checkpoint(RESTART)")) {
                        result.next();
                    }
                } finally {
                    statement.execute("PRAGMA busy_timeout = " + busyTimeoutMs);
                    writers.release();
                }
            }
        } catch (SQLException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(WalCheckpoint.class).debug("background checkpoint skipped: {}", e.toString());
        }
    }
}
