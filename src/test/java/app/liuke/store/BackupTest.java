package app.liuke.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.customer.CustomerDraft;
import app.liuke.support.TestShop;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
    @TempDir
    Path folder;

    @Test
    void backupWhileTheShopIsWriting_isAConsistentDatabase() throws Exception {
        try (var shop = TestShop.create(folder)) {
            for (int i = 0; i < 200; i++) {
                shop.liuke.customers().upsert(CustomerDraft.empty().withName("客户" + i).withPhone("1380000" + String.format("%04d", i)));
            }
            var writing = new AtomicBoolean(true);
            var executor = Executors.newSingleThreadExecutor();
            var writer = executor.submit(() -> {
                int i = 0;
                while (writing.get()) {
                    shop.liuke.customers().upsert(CustomerDraft.empty().withName("新客" + i).withPhone("1390000" + String.format("%04d", i++)));
                }
                return i;
            });

            Path copy = folder.resolve("backups/copy.db");
            long bytes = shop.liuke.backup().writeTo(copy);
            writing.set(false);
            int writtenDuring = writer.get(10, TimeUnit.SECONDS);
            executor.shutdown();

            assertTrue(bytes > 0);
            try (var restored = Database.open(copy)) {
                long customers = restored.read(handle -> handle.queryLong("SELECT count(*) FROM customer"));
                assertTrue(customers >= 200 && customers <= 200 + writtenDuring, "customers in copy: " + customers);
                assertEquals("ok", restored.read(handle -> handle.queryOne("PRAGMA integrity_check", row -> row.getString(1))).orElseThrow());
            }
        }
    }

    @Test
    void backupNeverOverwritesAnExistingFile() throws Exception {
        try (var shop = TestShop.create(folder)) {
            Path copy = folder.resolve("copy.db");
            shop.liuke.backup().writeTo(copy);
            assertThrows(IllegalArgumentException.class, () -> shop.liuke.backup().writeTo(copy));
        }
    }
}
