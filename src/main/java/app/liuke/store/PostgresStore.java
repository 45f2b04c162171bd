package app.liuke.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL database for Liuke (issue #18): a HikariCP pool and the schema brought up to date with
 * Flyway from {@code db/postgresql}, for {@code migrate-store}; the service's own pool comes from
 * {@link #pool} too ({@link Database#open(app.liuke.config.LiukeConfig.Store)}). The password is never
 * logged. Thread-safe.
 */
public final class PostgresStore implements AutoCloseable {
    private final HikariDataSource pool;

    private PostgresStore(HikariDataSource pool) {
        this.pool = pool;
    }

    public static PostgresStore open(String url, String user, String password, int poolSize) {
        HikariDataSource pool = pool(url, user, password, poolSize);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/postgresql").loggers("slf4j").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresStore(pool);
    }

    /** A HikariCP pool on {@code url}; a clear {@link DataException} when the server cannot be reached. */
    static HikariDataSource pool(String url, String user, String password, int poolSize) {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user == null || user.isEmpty() ? null : user);
        hikari.setPassword(password == null || password.isEmpty() ? null : password);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(1);
        hikari.setPoolName("liuke-postgres");
        hikari.setInitializationFailTimeout(10_000);
        hikari.setConnectionTimeout(5_000);            // while the server is down, a request waits 5 s at most, then 503
        hikari.setValidationTimeout(2_000);
        // PostgreSQL compiles a query with LLVM once its cost estimate passes jit_above_cost. Liuke's big
        // statements are long expressions over many rows: compiling the classification's took 5.4 s of a
        // query that ran in milliseconds, and the planning page 30-40 ms of 90. So no JIT (docs/benchmarks.md).
        hikari.setConnectionInitSql("SET jit = off");
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new DataException("cannot connect to " + url + ": " + rootMessage(e), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}
