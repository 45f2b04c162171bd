package app.liuke.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.cli.Cli;
import app.liuke.demo.DemoShop;
import app.liuke.support.PostgresServer;
import app.liuke.support.TestShop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real PostgreSQL server (a temporary cluster): the schema migrates, `migrate-store` copies
 * the demo shop and verifies every table and the money, a second copy into the same database is refused,
 * and `serve` with store.url says plainly that the service does not run there yet.
 */
class PostgresStoreTest {
    private static PostgresServer server;
    @TempDir
    Path folder;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        server.close();
    }

    private String run(String... args) {
        var out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.run(args);
            return code + "\n" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void theDemoShopCopiesIntoPostgres_everyTableAndTheMoneyVerified_andASecondCopyIsRefused() throws Exception {
        try (var shop = TestShop.create(folder)) {
            new DemoShop(shop.liuke).seedIfEmpty();
        }
        Path config = Files.writeString(folder.resolve("pg.yaml"), "store:\n  path: " + folder.resolve("liuke.db")
                + "\n  user: " + PostgresServer.USER + "\n");
        String url = server.createDatabase("demo_copy");
        String output = run("migrate-store", "--to", url, "--config", config.toString());
        assertTrue(output.startsWith("0\n"), output);
        assertTrue(output.contains("Copied and verified"), output);
        assertFalse(output.contains("✗"), output);
        assertTrue(output.matches("(?s).*\\ncustomer\\s+300\\s+300\\n.*"), output);
        assertTrue(output.matches("(?s).*purchase\\.amount_cents\\s+(\\d+)\\s+\\1\\n.*"), output);

        try (var connection = DriverManager.getConnection(url, PostgresServer.USER, "")) {
            var rows = connection.createStatement().executeQuery(
                    "SELECT count(*), sum(purchase_count) FROM customer WHERE tier IN ('A', 'B', 'C')");
            rows.next();
            assertEquals(300, rows.getLong(1));
            var inserted = connection.createStatement().executeQuery(
                    "INSERT INTO staff_group (name) VALUES ('新组') RETURNING id");
            inserted.next();
            assertTrue(inserted.getLong(1) > 3, "the id sequences continue after the copied ids");
            connection.createStatement().execute("INSERT INTO follow_up (customer_id, happened_at, method, content)"
                    + " VALUES (9, 4102444800, 'phone', 'PG trigger')");
            var last = connection.createStatement().executeQuery("SELECT last_follow_up_at FROM customer WHERE id = 9");
            last.next();
            assertEquals(4102444800L, last.getLong(1), "the follow-up trigger works on PostgreSQL too");
        }

        String again = run("migrate-store", "--to", url, "--config", config.toString());
        assertTrue(again.startsWith("2\n") && again.contains("not empty"), again);
    }

    @Test
    void theServiceRunsOnPostgres_backupPointsToPgDump_andBadAddressesAreRefusedInWords() throws Exception {
        Path config = Files.writeString(folder.resolve("pg.yaml"), "store:\n  path: " + folder.resolve("x.db") + "\n  url: "
                + server.createDatabase("served") + "\n  user: liuke\n  password: s3cret-pw\n");
        String classify = run("classify", "--config", config.toString());
        assertTrue(classify.startsWith("0\n"), classify);
        assertFalse(classify.contains("s3cret-pw"), classify);
        assertFalse(Files.exists(folder.resolve("x.db")), "nothing is written to the SQLite file");
        String backup = run("backup", folder.resolve("b.db").toString(), "--config", config.toString());
        assertTrue(backup.startsWith("2\n") && backup.contains("pg_dump"), backup);
        assertTrue(run("migrate-store", "--to", "mysql://x", "--config", config.toString()).startsWith("2\n"));
        String down = run("migrate-store", "--to", "jdbc:postgresql://127.0.0.1:1/none", "--config", config.toString());
        assertTrue(down.startsWith("1\n") && down.contains("cannot connect"), down);
        assertFalse(down.contains("s3cret-pw"), down);
    }
}
