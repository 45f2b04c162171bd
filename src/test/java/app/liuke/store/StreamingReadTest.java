package app.liuke.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.liuke.support.TestShop;
import app.liuke.support.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed read holds a page of rows, not the whole result: on PostgreSQL the driver reads a
 * whole result into memory first unless it fetches through a cursor (the sweep's RFM pass over a
 * million customers held them all, issue #18). While the first row is handled, the server still
 * holds the rest of the result in the transaction's open cursor.
 */
class StreamingReadTest {
    @TempDir
    Path folder;

    @Test
    void aStreamedRead_fetchesItsRowsInPages_throughAnOpenCursor() {
        assumeTrue(TestStores.postgres(), "SQLite steps through its rows one at a time by itself");
        try (var shop = TestShop.create(folder)) {
            var cursors = new ArrayList<Long>();
            long[] rows = {0};
            shop.liuke.database().useTransaction(handle -> handle.stream("SELECT n FROM generate_series(1, 10000) AS n",
                    row -> row.getLong(1), n -> {
                        if (n == 1) {
                            cursors.add(handle.queryLong(
                                    "SELECT count(*) FROM pg_cursors WHERE strpos(statement, 'generate' || '_series') > 0"));
                        }
                        rows[0]++;
                    }));
            assertEquals(10_000, rows[0]);
            assertEquals(List.of(1L), cursors, "the rest of the result waits in the server's cursor");
        }
    }
}
