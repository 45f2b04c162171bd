package app.liuke.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The shop's database: a SQLite file (WAL mode, a busy timeout, foreign keys on) or, for a chain, a
 * PostgreSQL database ({@code store.url}, issue #18); versioned migrations (Flyway) either way.
 * Every write runs in {@link #transaction}: it happens whole or not at all. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private final WriteTurns writers = new WriteTurns();
    private static final int BUSY_TIMEOUT_MS = 30_000;
    private final Path file;
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final WalCheckpoint wal;
    private final java.util.concurrent.ScheduledExecutorService checkpoints;
    private final java.util.Map<Connection, StatementCache> statementCaches = new java.util.IdentityHashMap<>();

    private Database(Path file, HikariDataSource pool, Dialect dialect) {
        this.file = file;
        this.pool = pool;
        this.dialect = dialect;
        this.wal = new WalCheckpoint(pool, writers, BUSY_TIMEOUT_MS);
        this.checkpoints = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "liuke-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        checkpoints.scheduleWithFixedDelay(this::checkpoint, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The database {@code store} names: PostgreSQL when it has a {@code url}, else the SQLite file. */
    public static Database open(app.liuke.config.LiukeConfig.Store store) {
        if (!store.postgres()) {
            return open(store.path());
        }
        var database = new Database(null, PostgresStore.pool(store.url(), store.user(), store.password(), store.poolSize()),
                Dialect.POSTGRES);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Once a second: drops the statement caches of retired connections and, on SQLite, checkpoints the log. */
    private void checkpoint() {
        synchronized (statementCaches) {
            statementCaches.values().removeIf(statements -> !statements.usable());
        }
        if (dialect == Dialect.SQLITE) {
            wal.run();
        }
    }

    /** Opens (creating if needed) the database file and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new DataException("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        var database = new Database(file, pool(file), Dialect.SQLITE);
        database.migrate();
        return database;
    }

    private static HikariDataSource pool(Path file) {
        var sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        sqlite.setCacheSize(-32_000);
        // sqlite-jdbc otherwise parses and runs a new "SELECT last_insert_rowid()" after every INSERT, whether or not
        // anyone asks for the key (a fifth of a skipped contact's cost under liuke simulate); Handle.insert asks itself.
        sqlite.setGetGeneratedKeys(false);
        // No commit pays for a checkpoint (and its fsync): a background thread checkpoints instead.
        sqlite.setWalAutocheckpoint(0);
        // When the log starts again from the top, a file that grew past this is cut back to it.
        sqlite.setJournalSizeLimit((int) (WalCheckpoint.RESTART_FRAMES * 4096));
        var source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        var hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("liuke-sqlite");
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        return new HikariDataSource(hikari);
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(pool)
                .locations(dialect == Dialect.SQLITE ? "classpath:db/migration" : "classpath:db/postgresql")
                .loggers("slf4j")
                .load()
                .migrate();
    }

    /** The SQLite file; null on PostgreSQL. */
    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in one transaction; any exception rolls everything back. The writers of this
     * process take turns ({@link WriteTurns}): on SQLite before asking for the file's write lock; on
     * PostgreSQL too, because on two cores eight lanes' transactions side by side handled half as many
     * updates and made the webhooks wait longer (the inbox writer queued for a pooled connection and
     * for the CPU). Transactions of other instances still run beside these, so what counts and then
     * writes takes a {@link Handle#lock} lock.
     */
    public <T> T transaction(Work<T> work) {
        return transaction(false, work);
    }

    /**
     * A transaction someone is waiting on (a webhook's acknowledgement): it goes before queued
     * background writers, and those see {@link #urgentWaiting()} and keep their transactions short.
     * On PostgreSQL it takes no turn at all: it runs beside the current writer, and waits for no one.
     */
    public <T> T urgentTransaction(Work<T> work) {
        return transaction(true, work);
    }

    /** True while an urgent transaction waits for its turn (never on PostgreSQL, where it takes none). */
    public boolean urgentWaiting() {
        return writers.urgentWaiting();
    }

    private <T> T transaction(boolean urgent, Work<T> work) {
        if (urgent && dialect != Dialect.SQLITE) {
            return inTransaction(work);
        }
        writers.acquire(urgent);
        try {
            return inTransaction(work);
        } finally {
            writers.release();
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            TransactionBoundary.begin(connection, dialect);
            try (Handle handle = handle(connection)) {
                T result = work.run(handle);
                TransactionBoundary.commit(connection, dialect);
                return result;
            } catch (RuntimeException | Error | SQLException e) {
                rollback(connection, e);
                throw e;
            } finally {
                TransactionBoundary.end(connection, dialect);
            }
        } catch (SQLException e) {
            throw new DataException("transaction failed: " + e.getMessage(), e);
        }
    }

    /** Rolls back after {@code cause}; a connection that cannot roll back leaves the pool, never to be handed out half-written. */
    private void rollback(Connection connection, Throwable cause) {
        try {
            TransactionBoundary.rollback(connection, dialect);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            pool.evictConnection(connection);
        }
    }

    /**
     * A handle on a pooled connection, with that connection's statement cache, keyed by the driver's
     * connection. The caches of connections the pool has retired are dropped by {@link #checkpoint}.
     */
    private Handle handle(Connection pooled) throws SQLException {
        Connection driver = pooled.unwrap(Connection.class);
        StatementCache statements;
        synchronized (statementCaches) {
            statements = statementCaches.get(driver);
            if (statements == null || !statements.usable()) {
                statements = new StatementCache(driver);
                statementCaches.put(driver, statements);
            }
        }
        return new Handle(pooled, statements, dialect);
    }

    /** How many statements the pool's connections have parsed (each SQL text once per connection). */
    long statementsPrepared() {
        synchronized (statementCaches) {
            return statementCaches.values().stream().mapToLong(StatementCache::prepared).sum();
        }
    }

    public void useTransaction(VoidWork work) {
        transaction(handle -> {
            work.run(handle);
            return null;
        });
    }

    /** Runs read-only {@code work} on a pooled connection without opening a write transaction. */
    public <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection(); Handle handle = handle(connection)) {
            return work.run(handle);
        } catch (SQLException e) {
            throw new DataException("read failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} on a connection of its own, outside the pool, with no statement kept after it.
     * SQLite's {@code VACUUM} refuses to run on a connection with statements still prepared from an
     * {@code INSERT … SELECT}, which the pooled connections keep in their caches.
     */
    public <T> T alone(Work<T> work) {
        try (Connection connection = pool.getDataSource().getConnection()) {
            var statements = new StatementCache(connection);
            try (Handle handle = new Handle(connection, statements, dialect)) {
                return work.run(handle);
            } finally {
                statements.clear();
            }
        } catch (SQLException e) {
            throw new DataException("read failed: " + e.getMessage(), e);
        }
    }

    /**
     * True when the failure is passing: SQLite saying another writer held the file past the busy timeout,
     * or PostgreSQL unreachable, restarting, out of connections, or ending a transaction that lost a
     * race (serialization failure, deadlock). The request may be tried again (503 with Retry-After);
     * nothing of it was written.
     */
    public static boolean isBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("SQLITE_BUSY") || cause instanceof java.sql.SQLTransientException
                    || cause instanceof SQLException && message.equals("Connection is closed")) {  // the pool's, when the server went away
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("40001") || state.equals("40P01")
                        || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the file answers a trivial query. */
    public boolean healthy() {
        try {
            return read(handle -> handle.queryLong("SELECT 1")) == 1L;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        checkpoints.shutdownNow();
        synchronized (statementCaches) {
            statementCaches.values().forEach(StatementCache::clear);
            statementCaches.clear();
        }
        pool.close();
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Handle handle);
    }

    @FunctionalInterface
    public interface VoidWork {
        void run(Handle handle);
    }
}
