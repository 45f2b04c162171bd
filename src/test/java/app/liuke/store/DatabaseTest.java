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
}
