package app.liuke.support;

import app.liuke.config.LiukeConfig;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which engine the tests' shops run on (issue #18): SQLite files by default; with
 * {@code -Dliuke.test.store=postgres} (the {@code postgres-tests} run in the pom) every shop gets a
 * fresh database of its own on one temporary PostgreSQL server, started at the first shop and stopped
 * when the test JVM exits.
 */
public final class TestStores {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final java.util.Map<java.nio.file.Path, String> BY_FILE = new java.util.HashMap<>();
    private static PostgresServer server;

    private TestStores() {
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("liuke.test.store"));
    }

    /**
     * {@code config} with its store on this run's engine: unchanged on SQLite; on PostgreSQL, the
     * database that stands for its SQLite file (new the first time, the same one when a test reopens
     * the shop from the same file, as a restart does).
     */
    public static LiukeConfig onTestEngine(LiukeConfig config) {
        if (!postgres() || config.store().postgres()) {
            return config;
        }
        var store = config.store();
        String url;
        synchronized (TestStores.class) {
            url = BY_FILE.computeIfAbsent(store.path().toAbsolutePath(), file -> freshDatabase());
        }
        return config.withStore(new LiukeConfig.Store(store.path(), url, PostgresServer.USER, "", 4));
    }

    /** A new empty database on the shared server; its JDBC address. */
    public static synchronized String freshDatabase() {
        try {
            if (server == null) {
                server = PostgresServer.start();
                var started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception e) {
                        System.err.println("stopping the test PostgreSQL server: " + e);
                    }
                }));
            }
            return server.createDatabase("shop_" + DATABASES.incrementAndGet());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test PostgreSQL server: " + e.getMessage(), e);
        }
    }
}
