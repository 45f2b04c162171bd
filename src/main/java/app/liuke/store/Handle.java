package app.liuke.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One connection, scoped to a {@link Database#transaction} or {@link Database#read} lambda.
 * Parameters are given as name/value pairs: {@code handle.update(sql, "id", 7, "name", "王芳")}.
 * Prepared statements are cached per connection ({@link StatementCache}), so each SQL text is parsed
 * once per pooled connection. Not thread-safe: use it only inside the lambda that received it.
 */
public final class Handle implements AutoCloseable {
    private final Connection connection;
    private final StatementCache statements;
    private final Dialect dialect;
    private static final int STREAM_FETCH = 2_000;
    private Statement plain;

    Handle(Connection connection, StatementCache statements, Dialect dialect) {
        this.connection = connection;
        this.statements = statements;
        this.dialect = dialect;
    }

    /** The engine behind this handle, for the few statements whose words differ ({@link Dialect}). */
    public Dialect dialect() {
        return dialect;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        var rows = new ArrayList<T>();
        read(sql, mapper, rows::add, 0, params);
        return rows;
    }

    /**
     * Streams rows one at a time, so a million rows never sit in memory together. On PostgreSQL the
     * driver fetches them {@value #STREAM_FETCH} at a time inside a transaction; outside one it reads
     * the whole result first, so a large read belongs in a transaction there.
     */
    public <T> void stream(String sql, RowMapper<T> mapper, Consumer<T> sink, Object... params) {
        read(sql, mapper, sink, STREAM_FETCH, params);
    }

    private <T> void read(String sql, RowMapper<T> mapper, Consumer<T> sink, int fetch, Object... params) {
        try (var lease = prepare(sql, false, params)) {
            lease.statement().setFetchSize(dialect == Dialect.POSTGRES ? fetch : 0);
            try (var raw = lease.statement().executeQuery()) {
                var rows = dialect == Dialect.POSTGRES ? BooleanColumns.wrap(raw) : raw;
                while (rows.next()) {
                    sink.accept(mapper.map(rows));
                }
            }
        } catch (SQLException e) {
            throw new DataException("query failed: " + firstLine(sql), e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        var rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** A PostgreSQL array of {@code type} (e.g. {@code text}, {@code bigint}) to bind as one parameter. */
    public java.sql.Array array(String type, Object[] values) {
        try {
            return connection.createArrayOf(type, values);
        } catch (SQLException e) {
            throw new DataException("cannot make a " + type + " array: " + e.getMessage(), e);
        }
    }

    public long queryLong(String sql, Object... params) {
        return queryOne(sql, row -> row.getLong(1), params).orElse(0L);
    }

    public int update(String sql, Object... params) {
        try (var lease = prepare(sql, false, params)) {
            return lease.statement().executeUpdate();
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** Runs an INSERT and returns the generated row id. */
    public long insert(String sql, Object... params) {
        if (dialect == Dialect.SQLITE) {
            // The driver's generated keys are off (Database): they parsed a new SELECT after every INSERT. This one is cached.
            update(sql, params);
            return queryLong("SELECT last_insert_rowid()");
        }
        try (var lease = prepare(sql, true, params)) {
            lease.statement().executeUpdate();
            try (var keys = lease.statement().getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new DataException("no generated key: " + firstLine(sql));
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** Runs plain SQL without parameters (pragmas, savepoints, VACUUM). */
    public void execute(String sql) {
        try {
            if (plain == null) {
                plain = connection.createStatement();
            }
            plain.execute(dialect.translate(sql));
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /**
     * Holds {@code key} until this transaction ends, so that of two transactions deciding something
     * about the same thing (an offer's stock, a customer's points) the second waits and then sees what
     * the first wrote. On PostgreSQL a transaction-scoped advisory lock: transactions of this and of
     * other instances run side by side there. On SQLite nothing: a writing transaction already holds
     * the file's only write lock.
     */
    public void lock(String key) {
        if (dialect == Dialect.POSTGRES) {
            queryOne("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked",
                    row -> row.getInt(1), "key", key);
        }
    }

    /**
     * Runs {@code work} inside a savepoint: if it throws, only its own writes are undone and the
     * surrounding transaction goes on. Used to keep one bad import row from spoiling the batch.
     */
    public <T> T savepoint(java.util.function.Supplier<T> work) {
        execute("SAVEPOINT row_work");
        try {
            T result = work.get();
            execute("RELEASE row_work");
            return result;
        } catch (RuntimeException e) {
            execute("ROLLBACK TO row_work");
            execute("RELEASE row_work");
            throw e;
        }
    }

    /** A cached statement with its parameters bound. */
    private StatementCache.Lease prepare(String sql, boolean keys, Object... params) throws SQLException {
        var named = NamedSql.parse(dialect, sql);
        var values = pairs(params);
        var lease = statements.lease(named.jdbcSql(), keys);
        try {
            for (int i = 0; i < named.parameterNames().size(); i++) {
                String name = named.parameterNames().get(i);
                if (!values.containsKey(name)) {
                    throw new DataException("missing SQL parameter :" + name + " in " + firstLine(sql));
                }
                lease.statement().setObject(i + 1, values.get(name));
            }
            return lease;
        } catch (SQLException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Closes the plain statement; the cached ones stay with the connection, which belongs to the pool. */
    @Override
    public void close() {
        if (plain != null) {
            StatementCache.closeQuietly(plain);
        }
    }

    private static Map<String, Object> pairs(Object... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name/value pairs");
        }
        var values = new HashMap<String, Object>();
        for (int i = 0; i < params.length; i += 2) {
            values.put((String) params[i], params[i + 1]);
        }
        return values;
    }

    private static DataException translate(String sql, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("UNIQUE constraint failed") || "23505".equals(e.getSQLState())) {
            return new UniqueViolation(message, e);
        }
        return new DataException("statement failed: " + firstLine(sql), e);
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline) + " …";
    }

    /** A UNIQUE constraint refused the write: usually a duplicate the caller can explain. */
    public static final class UniqueViolation extends DataException {
        UniqueViolation(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
