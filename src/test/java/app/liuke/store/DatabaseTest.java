package app.liuke.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path folder;

    private static long number(Database database, String sql) {
        return database.read(handle -> handle.queryLong(sql));
    }

    private static String text(Database database, String sql) {
        return database.read(handle -> handle.queryOne(sql, row -> row.getString(1))).orElseThrow();
    }

    @Test
    void fileIsInWalModeWithForeignKeysOn() {
        try (var database = Database.open(folder.resolve("a/b/liuke.db"))) {
            assertEquals("wal", text(database, "PRAGMA journal_mode"));
            assertEquals(1L, number(database, "PRAGMA foreign_keys"));
            assertEquals(30_000L, number(database, "PRAGMA busy_timeout"));
        }
    }

    @Test
    void aFailingTransaction_leavesNothingWritten() {
        try (var database = Database.open(folder.resolve("liuke.db"))) {
            assertThrows(IllegalStateException.class, () -> database.useTransaction(handle -> {
                handle.insert("INSERT INTO staff_group (name) VALUES (:name)", "name", "一组");
                throw new IllegalStateException("boom halfway");
            }));
            assertEquals(0L, number(database, "SELECT count(*) FROM staff_group"));
        }
    }

    /** Another process (a second Liuke command, a shop's backup tool) writes at once, without waiting for a lock. */
    private void anotherProcessWritesAtOnce(Path file, String name) throws Exception {
        try (var other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             var statement = other.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO staff_group (name) VALUES ('" + name + "')");
            statement.execute("COMMIT");
        }
    }

    @Test
    void committedFailedAndRefusedTransactions_leaveNoLockBehind() throws Exception {
        Path file = folder.resolve("liuke.db");
        try (var database = Database.open(file)) {
            database.useTransaction(handle -> handle.insert("INSERT INTO staff_group (name) VALUES ('一组')"));
            anotherProcessWritesAtOnce(file, "外一");
            assertThrows(IllegalStateException.class, () -> database.useTransaction(handle -> {
                handle.insert("INSERT INTO staff_group (name) VALUES ('二组')");
                throw new IllegalStateException("boom halfway");
            }));
            anotherProcessWritesAtOnce(file, "外二");
            // The commit itself is refused (a foreign key checked only at commit): the transaction is rolled back whole.
            assertThrows(DataException.class, () -> database.useTransaction(handle -> {
                handle.execute("PRAGMA defer_foreign_keys = ON");
                handle.insert("INSERT INTO staff_group (name) VALUES ('三组')");
                handle.insert("INSERT INTO follow_up (customer_id, happened_at, method, content) VALUES (99, 0, 'chat', 'x')");
            }));
            anotherProcessWritesAtOnce(file, "外三");
            assertEquals("一组,外一,外二,外三", text(database, "SELECT group_concat(name, ',') FROM (SELECT name FROM staff_group ORDER BY id)"));
            database.useTransaction(handle -> handle.insert("INSERT INTO staff_group (name) VALUES ('四组')"));
            assertEquals(5L, number(database, "SELECT count(*) FROM staff_group"));
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (var database = Database.open(folder.resolve("liuke.db"))) {
            assertThrows(DataException.class, () -> database.useTransaction(handle ->
                    handle.insert("INSERT INTO follow_up (customer_id, happened_at, method, content) VALUES (99, 0, 'chat', 'x')")));
        }
    }

    @Test
    void reopeningAnExistingFile_keepsItsData() {
        Path file = folder.resolve("liuke.db");
        try (var database = Database.open(file)) {
            database.useTransaction(handle -> handle.insert("INSERT INTO staff_group (name) VALUES ('一组')"));
        }
        try (var database = Database.open(file)) {
            assertEquals(1L, number(database, "SELECT count(*) FROM staff_group"));
        }
    }

    @Test
    void aStatementIsParsedOncePerConnection_notOncePerTransaction() {
        try (var database = Database.open(folder.resolve("liuke.db"))) {
            long before = database.statementsPrepared();
            for (int i = 0; i < 50; i++) {
                int n = i;
                database.useTransaction(handle -> handle.update("INSERT INTO staff_group (name) VALUES (:name)", "name", "组" + n));
                database.read(handle -> handle.queryLong("SELECT count(*) FROM staff_group WHERE name LIKE :p", "p", "组%"));
            }
            assertEquals(50L, number(database, "SELECT count(*) FROM staff_group"));
            long parsed = database.statementsPrepared() - before;
            org.junit.jupiter.api.Assertions.assertTrue(parsed <= 2 * 4, "two SQL texts on at most 4 connections, parsed " + parsed);
        }
    }

    @Test
    void aCachedQuery_seesWhatAnotherConnectionCommittedSince() throws Exception {
        try (var database = Database.open(folder.resolve("liuke.db"))) {
            String count = "SELECT count(*) FROM staff_group";
            var reader = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                for (int i = 1; i <= 5; i++) {
                    int n = i;
                    // the write holds one connection while the read, on another thread, needs a second one
                    database.useTransaction(handle -> handle.update("INSERT INTO staff_group (name) VALUES (:name)", "name", "组" + n));
                    Long elsewhere = reader.submit(() -> database.read(handle -> handle.queryLong(count))).get();
                    assertEquals(n, elsewhere.longValue());
                    long here = database.read(handle -> handle.queryLong(count));
                    assertEquals(n, here);
                }
            } finally {
                reader.shutdownNow();
            }
        }
    }

    @Test
    void underWritesThatNeverPause_theWriteAheadLogStartsAgain_insteadOfGrowingWithoutEnd() throws Exception {
        // Found by liuke simulate: the PASSIVE checkpoint never caught up, and the log grew to 1.4 GB in 20 s.
        Path file = folder.resolve("busy.db");
        Path wal = folder.resolve("busy.db-wal");
        long limit = WalCheckpoint.RESTART_FRAMES * 4096;
        try (var database = Database.open(file)) {
            database.useTransaction(handle -> handle.execute("CREATE TABLE blob (id INTEGER PRIMARY KEY, data BLOB)"));
            byte[] page = new byte[4000];
            long written = 0;
            long largest = 0;
            long start = System.nanoTime();
            long deadline = start + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (written < 3 * limit && System.nanoTime() < deadline) {      // about 200 MB at up to 32 MB/s, no pause longer
                long due = start + written * 1_000_000_000L / (32L << 20);       // than a transaction's worth
                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                database.useTransaction(handle -> {
                    for (int i = 0; i < 25; i++) {
                        handle.update("INSERT INTO blob (data) VALUES (:data)", "data", page);
                    }
                });
                written += 25L * page.length;
                largest = Math.max(largest, java.nio.file.Files.size(wal));
            }
            assertEquals(true, written >= 3 * limit, "wrote " + written + " bytes before the deadline");
            assertEquals(true, largest < 2 * limit, "the log reached " + largest + " bytes after " + written + " written");
        }
    }
}
