package app.liuke.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real, temporary PostgreSQL server for a test: Debian's binaries ({@code /usr/lib/postgresql/N/bin},
 * installed by {@code .ci/run}), a fresh cluster made with {@code initdb} in a temp folder (as the
 * non-root {@code postgres} user when the tests run as root), on a free port and a private socket
 * folder, trust authentication on 127.0.0.1 only; stopped and removed on close. Nothing is left running.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "liuke";
    private final Path bin;
    private final Path folder;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path folder, int port, boolean asPostgres) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The newest installed server's binaries; an AssertionError that says how to install them when there are none. */
    static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin")).filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new AssertionError("PostgreSQL is not installed: apt-get install postgresql (.ci/run does)"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server for tests: no fsync, no waiting for the log at commit (a crash of the test machine loses nothing that matters). */
    public static PostgresServer start() throws IOException, InterruptedException {
        return start("-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400");
    }

    /** A server for benches, durable as a shop's would be (fsync and synchronous commit on), with more memory. */
    public static PostgresServer startForBench() throws IOException, InterruptedException {
        return start("-c shared_buffers=2GB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_connections=200"
                + " -c max_wal_size=4GB -c shared_preload_libraries=pg_stat_statements,auto_explain"
                + " -c auto_explain.log_min_duration=" + System.getProperty("pgbench.explainMs", "-1") + " -c auto_explain.log_analyze=on -c auto_explain.log_settings=on");
    }

    private static PostgresServer start(String settings) throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("liuke-pg");
        Path data = folder.resolve("data");
        if (root) {
            run(List.of("chown", "postgres:postgres", folder.toString()), false);
        }
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var server = new PostgresServer(bin, folder, port, root);
        server.exec(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        server.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", folder.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 " + settings, "start"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (var connection = DriverManager.getConnection(server.url("postgres"), USER, "")) {
                connection.createStatement().execute("SELECT 1");
                break;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not come up: " + e.getMessage());
                }
                Thread.sleep(100);
            }
        }
        return server;
    }

    /**
     * The CPU the server has used so far, for a bench's account of where the cores went: the
     * postmaster's own and its ended backends' (the kernel adds those to it) plus its live children's.
     */
    public double cpuSeconds() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(folder.resolve("data/postmaster.pid")).get(0).trim());
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] stat;
                try {
                    String line = Files.readString(process.resolve("stat"));
                    stat = line.substring(line.lastIndexOf(')') + 2).split(" ");
                } catch (IOException gone) {
                    continue;
                }
                // After the command: state, ppid, ... utime (index 11), stime, cutime, cstime.
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == postmaster) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                } else if (Long.parseLong(stat[1]) == postmaster) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                }
            }
        }
        return ticks / 100.0;
    }

    /** A JDBC address for {@code database} on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** What the server logged so far. */
    public String serverLog() throws IOException {
        return Files.readString(folder.resolve("server.log"));
    }

    /** The server's version, e.g. "PostgreSQL 15.14". */
    public String version() throws SQLException {
        try (var connection = DriverManager.getConnection(url("postgres"), USER, "");
             var rows = connection.createStatement().executeQuery("SHOW server_version")) {
            rows.next();
            return "PostgreSQL " + rows.getString(1).split(" ")[0];
        }
    }

    /** Creates an empty database and returns its address. */
    public String createDatabase(String name) throws SQLException {
        try (var connection = DriverManager.getConnection(url("postgres"), USER, "")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** Stops the server (fast: open connections are cut) and starts it again with the same options. */
    public void restart() throws IOException, InterruptedException {
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-l",
                folder.resolve("server.log").toString(), "-m", "fast", "-w", "-t", "60", "restart"));
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        var full = new ArrayList<String>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, true);
    }

    private static void run(List<String> command, boolean check) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 && check) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            exec(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
