package app.liuke.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The prepared statements of one pooled connection, kept for the connection's life: a purchase's
 * reclassification SQL is parsed once per connection, not once per request (parsing it was most of a
 * purchase's CPU, docs/benchmarks.md "Mixed load"). Statements are prepared on the driver's own
 * connection, under the pool, so returning the connection to the pool does not close them. The least
 * recently used beyond {@link #CAPACITY} are closed. A statement still in use (a query whose rows are
 * being read while the same SQL runs again) is never handed out twice: the second caller gets a fresh
 * twin. Used by one {@link Handle} at a time, like its connection; not thread-safe.
 */
final class StatementCache {
    static final int CAPACITY = 256;
    private final Connection connection;
    private long prepared;
    private final Set<PreparedStatement> busy = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, PreparedStatement> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CAPACITY || busy.contains(eldest.getValue())) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    /** {@code connection} is the driver's connection, not the pool's proxy (see the class comment). */
    StatementCache(Connection connection) {
        this.connection = connection;
    }

    boolean usable() {
        try {
            return !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    Lease lease(String jdbcSql, boolean keys) throws SQLException {
        String cacheKey = keys ? "keys:" + jdbcSql : jdbcSql;
        PreparedStatement statement = cache.get(cacheKey);
        boolean cached = statement != null && !busy.contains(statement);
        if (!cached) {
            prepared++;
            statement = keys
                    ? connection.prepareStatement(jdbcSql, Statement.RETURN_GENERATED_KEYS)
                    : connection.prepareStatement(jdbcSql);
            if (!cache.containsKey(cacheKey)) {
                cache.put(cacheKey, statement);
                cached = true;
            }
        }
        return new Lease(statement, cached);
    }

    /** How many statements this connection has parsed so far. */
    long prepared() {
        return prepared;
    }

    /** Closes every cached statement (the connection is going away). */
    void clear() {
        for (PreparedStatement statement : cache.values()) {
            closeQuietly(statement);
        }
        cache.clear();
        busy.clear();
    }

    static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // the driver closes it with the connection at the latest
        }
    }

    /** A statement borrowed for one call: a cached one is kept (parameters cleared), a fresh one is closed. */
    final class Lease implements AutoCloseable {
        private final PreparedStatement statement;
        private final boolean cached;

        private Lease(PreparedStatement statement, boolean cached) {
            this.statement = statement;
            this.cached = cached;
            if (cached) {
                busy.add(statement);
            }
        }

        PreparedStatement statement() {
            return statement;
        }

        @Override
        public void close() throws SQLException {
            if (cached) {
                busy.remove(statement);
                statement.clearParameters();
            } else {
                statement.close();
            }
        }
    }
}
