package app.liuke.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code liuke serve} in a JVM of its own, as a shop runs it, with Telegram on (webhook mode)
 * against the given Bot API. Its log goes to {@code service-N.log} in the folder (N counts the
 * starts); tests and benches read the database (the SQLite file read-only, or its PostgreSQL database)
 * to see how far processing got.
 */
public final class ServiceProcess implements AutoCloseable {
    public static final String ADMIN_TOKEN = "service-admin-token";
    private static final Pattern RUNNING = Pattern.compile("running: http://localhost:(\\d+)/health");
    private final Process process;
    private final String database;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, String database, int port, Path log) {
        this.process = process;
        this.database = database;
        this.port = port;
        this.log = log;
    }

    /** What the service has logged so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row of {@code sql}, as text (null when there is no row). */
    public String text(String sql) {
        try (var connection = DriverManager.getConnection(database, PostgresServer.USER, "");
             var rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the service's config file into {@code folder}: {@code extraYaml} adds top-level sections. */
    public static Path writeConfig(Path folder, String apiUrl, String extraYaml) throws IOException {
        return writeConfig(folder, apiUrl, null, extraYaml);
    }

    /** {@link #writeConfig(Path, String, String)} with the shop on the PostgreSQL database {@code storeUrl} (null: the SQLite file). */
    public static Path writeConfig(Path folder, String apiUrl, String storeUrl, String extraYaml) throws IOException {
        Path config = folder.resolve("liuke.yaml");
        String postgres = storeUrl == null ? "" : "\n  url: " + storeUrl + "\n  user: " + PostgresServer.USER + "\n  poolSize: 6";
        Files.writeString(config, """
                server:
                  port: 0
                  adminToken: %s
                store:
                  path: %s%s
                telegram:
                  enabled: true
                  token: "123456:SERVICE-TOKEN"
                  mode: webhook
                  webhookSecret: %s
                  apiUrl: %s
                botScripts: %s
                """.formatted(ADMIN_TOKEN, folder.resolve("liuke.db"), postgres, TestShop.WEBHOOK_SECRET, apiUrl,
                folder.resolve("bot-scripts")) + extraYaml);
        return config;
    }

    /** Runs the service from this JVM's class path with more config (the benches). */
    public static ServiceProcess start(Path folder, String apiUrl, String extraYaml) throws IOException, InterruptedException {
        writeConfig(folder, apiUrl, extraYaml);
        return launch(folder, List.of("-cp", System.getProperty("java.class.path"), "app.liuke.Main"));
    }

    /** Runs the service from this JVM's class path, its shop on the PostgreSQL database {@code storeUrl}. */
    public static ServiceProcess start(Path folder, String apiUrl, String storeUrl, String extraYaml)
            throws IOException, InterruptedException {
        writeConfig(folder, apiUrl, storeUrl, extraYaml);
        return launch(folder, List.of("-cp", System.getProperty("java.class.path"), "app.liuke.Main"));
    }

    /**
     * The packaged jar with the JVM's default flags (its own heap limit), as a shop runs it, its shop on
     * {@code storeUrl} (null: the SQLite file).
     */
    public static ServiceProcess startJarWithDefaultFlags(Path jar, Path folder, String apiUrl, String storeUrl)
            throws IOException, InterruptedException {
        writeConfig(folder, apiUrl, storeUrl, "");
        return launch(folder, List.of("-jar", jar.toString()), List.of());
    }

    /** Runs the service from this JVM's class path (the benches). */
    public static ServiceProcess start(Path folder, String apiUrl) throws IOException, InterruptedException {
        writeConfig(folder, apiUrl, "");
        return launch(folder, List.of("-cp", System.getProperty("java.class.path"), "app.liuke.Main"));
    }

    /** Runs the packaged jar, as a shop does, with the config {@link #writeConfig} left in {@code folder}. */
    public static ServiceProcess startJar(Path jar, Path folder) throws IOException, InterruptedException {
        return launch(folder, List.of("-jar", jar.toString()));
    }

    private static ServiceProcess launch(Path folder, List<String> main) throws IOException, InterruptedException {
        return launch(folder, main, List.of("-Xmx1g"));
    }

    private static ServiceProcess launch(Path folder, List<String> main, List<String> flags) throws IOException, InterruptedException {
        int start = 1;
        while (Files.exists(folder.resolve("service-" + start + ".log"))) {
            start++;
        }
        Path log = folder.resolve("service-" + start + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java));
        command.addAll(flags);
        String extra = System.getenv("LIUKE_SERVICE_JVM_ARGS");          // e.g. a flight recording while benching
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(main);
        command.addAll(List.of("serve", "--config", folder.resolve("liuke.yaml").toString()));
        var process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            var matcher = RUNNING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (matcher.find()) {
                String config = Files.readString(folder.resolve("liuke.yaml"));
                var url = Pattern.compile("\\n  url: (\\S+)").matcher(config);
                String database = url.find() ? url.group(1) : "jdbc:sqlite:" + folder.resolve("liuke.db") + "?open_mode=1";
                return new ServiceProcess(process, database, Integer.parseInt(matcher.group(1)), log);
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not start; see " + log + ":\n" + Files.readString(log));
    }

    public int port() {
        return port;
    }

    /** The most memory the service process has held resident so far (Linux's VmHWM), in MB. */
    public long peakResidentMb() throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                .findFirst().orElse(-1);
    }

    /** CPU time the service process has used so far. */
    public double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    public long count(String sql) {
        try (var connection = DriverManager.getConnection(database, PostgresServer.USER, "");
             var rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls (with a deadline) until {@code sql} counts {@code expected}. */
    public void awaitCount(String sql, long expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long seen;
        while ((seen = count(sql)) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(sql + " counted " + seen + ", not " + expected + " after " + limit);
            }
            Thread.sleep(50);
        }
    }

    /** Polls (with a deadline) until the service has processed every stored update. */
    public void awaitNothingPending(Duration limit) throws InterruptedException {
        awaitCount("SELECT count(*) FROM inbox WHERE status = 'pending'", 0, limit);
    }

    /** Polls (with a deadline) until one of the instances on one database says it leads; that one. */
    public static ServiceProcess awaitLeader(ServiceProcess a, ServiceProcess b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String holder = String.valueOf(a.text("SELECT holder FROM leader_lease WHERE name = 'leader'"));
            for (var service : List.of(a, b)) {
                if (service.log().contains("this instance (" + holder + ") now leads")) {
                    return service;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no instance leads");
    }

    /** What kills this process ({@link #kill}) and then counts {@code killed} down: for a fake API to run at the n-th message. */
    public Runnable killer(java.util.concurrent.CountDownLatch killed) {
        return () -> {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            killed.countDown();
        };
    }

    /** {@code kill -9}: no shutdown hook, no clean close, whatever was in flight stays as it was. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the service did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
