package app.liuke.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The prepared statements of one {@link Handle}, kept for its life so that a bulk import prepares
 * each SQL text once per transaction. A statement still in use (a query whose rows are being read
 * while the same SQL runs again) is never handed out twice: the second caller gets a fresh twin.
 * Not thread-safe, like the handle.
 */
final class StatementCache implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> cache = new HashMap<>();
    private final Set<PreparedStatement> busy = Collections.newSetFromMap(new IdentityHashMap<>());

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    Lease lease(String jdbcSql, boolean keys) throws SQLException {
        String cacheKey = keys ? "keys:" + jdbcSql : jdbcSql;
        PreparedStatement statement = cache.get(cacheKey);
        boolean cached = statement != null && !busy.contains(statement);
        if (!cached) {
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

    /** Closes every cached statement; the connection itself belongs to the pool. */
    @Override
    public void close() {
        for (PreparedStatement statement : cache.values()) {
            closeQuietly(statement);
        }
        cache.clear();
    }

    static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // the pool closes it with the connection at the latest
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
