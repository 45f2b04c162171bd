package app.liuke.bench;

import app.liuke.support.TestShop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code liuke serve} in a JVM of its own, as a shop runs it, with Telegram on (webhook mode)
 * against the given Bot API. Its log goes to {@code service.log} in the folder; the bench reads the
 * database file read-only to see how far processing got.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("running: http://localhost:(\\d+)/health");
    private final Process process;
    private final Path database;
    private final int port;

    private ServiceProcess(Process process, Path database, int port) {
        this.process = process;
        this.database = database;
        this.port = port;
    }

    static ServiceProcess start(Path folder, String apiUrl) throws IOException, InterruptedException {
        Path database = folder.resolve("liuke.db");
        Path config = folder.resolve("liuke.yaml");
        Files.writeString(config, """
                server:
                  port: 0
                  adminToken: bench-admin-token
                store:
                  path: %s
                telegram:
                  enabled: true
                  token: "123456:BENCH-TOKEN"
                  mode: webhook
                  webhookSecret: %s
                  apiUrl: %s
                botScripts: %s
                """.formatted(database, TestShop.WEBHOOK_SECRET, apiUrl, folder.resolve("bot-scripts")));
        Path log = folder.resolve("service.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<>(List.of(java, "-Xmx1g"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "app.liuke.Main", "serve", "--config", config.toString()));
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            var matcher = RUNNING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return new ServiceProcess(process, database, Integer.parseInt(matcher.group(1)));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not start; see " + log);
    }

    int port() {
        return port;
    }

    /** CPU time the service process has used so far. */
    double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    long count(String sql) {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database + "?open_mode=1");
             var rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls (with a deadline) until the service has processed every stored update. */
    void awaitNothingPending(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count("SELECT count(*) FROM inbox WHERE status = 'pending'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("updates still pending after " + limit);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
