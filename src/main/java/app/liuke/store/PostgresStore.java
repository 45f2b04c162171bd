package app.liuke.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL database for Liuke (issue #18): a HikariCP pool and the schema brought up to date with
 * Flyway from {@code db/postgresql}. The password is never logged. Today {@code migrate-store} uses it;
 * the service itself still runs on SQLite (README "PostgreSQL"). Thread-safe.
 */
public final class PostgresStore implements AutoCloseable {
    private final HikariDataSource pool;

    private PostgresStore(HikariDataSource pool) {
        this.pool = pool;
    }

    public static PostgresStore open(String url, String user, String password, int poolSize) {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user == null || user.isEmpty() ? null : user);
        hikari.setPassword(password == null || password.isEmpty() ? null : password);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(1);
        hikari.setPoolName("liuke-postgres");
        hikari.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new DataException("cannot connect to " + url + ": " + rootMessage(e), e);
        }
        Flyway.configure().dataSource(pool).locations("classpath:db/postgresql").loggers("slf4j").load().migrate();
        return new PostgresStore(pool);
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
