package app.liuke.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.liuke.support.TestShop;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass sales scan where keys do not come in time order, and shop days across summer time.
 * A shop in Berlin (summer time ends 2026-10-25):
 *
 * <pre>
 * customer  bought (local time)                       store
 * 1         10-24 23:30, 10-25 23:30, 10-26 00:30    A, B, A   (A, then B, then A again: one customer in each)
 * 2         10-25 12:00                                A         first purchase ever: not a repeat customer
 * 3         09-01 (before), 10-26 10:00                B         bought before the period: a repeat customer
 * </pre>
 */
class SalesScanTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Period WEEK = new Period(LocalDate.of(2026, 10, 22), LocalDate.of(2026, 10, 28));

    @TempDir
    Path folder;
    private TestShop shop;
    private final Reports reports = new Reports(BERLIN, ReportRules.defaults());

    @BeforeEach
    void purchases() {
        shop = TestShop.create(folder);
        shop.liuke.database().useTransaction(h -> {
            h.update("INSERT INTO customer (id, name, created_at, updated_at) VALUES (1, 'A', 0, 0), (2, 'B', 0, 0), (3, 'C', 0, 0)");
            buy(h, 1, "2026-10-24T23:30", "A");
            buy(h, 1, "2026-10-25T23:30", "B");
            buy(h, 1, "2026-10-26T00:30", "A");
            buy(h, 2, "2026-10-25T12:00", "A");
            buy(h, 3, "2026-09-01T12:00", "B");
            buy(h, 3, "2026-10-26T10:00", "B");
        });
    }

    @AfterEach
    void close() {
        shop.close();
    }

    private static void buy(app.liuke.store.Handle h, long customer, String local, String store) {
        h.insert("INSERT INTO purchase (customer_id, purchased_at, amount_cents, store, created_at) VALUES (:c, :at, 1000, :store, 0)",
                "c", customer, "at", LocalDateTime.parse(local).atZone(BERLIN).toEpochSecond(), "store", store);
    }

    private List<String> rows(Dimension by) {
        return shop.liuke.database().read(h -> reports.sales(h, WEEK, by)).stream()
                .map(row -> row.key() + " " + row.purchases() + " " + row.customers() + " " + row.repeatCustomers()).toList();
    }

    @Test
    void aCustomerCountsOncePerKey_evenWhenTheKeysComeBack() {
        assertEquals(List.of("A 3 2 1", "B 2 2 2"), rows(Dimension.STORE));
        var total = shop.liuke.database().read(h -> reports.total(h, WEEK));
        assertEquals(List.of(5L, 3L, 2L), List.of(total.purchases(), total.customers(), total.repeatCustomers()));
    }

    @Test
    void daysAreTheShopsDays_acrossTheEndOfSummerTime() {
        assertEquals(List.of("2026-10-24 1 1 1", "2026-10-25 2 2 1", "2026-10-26 2 2 2"), rows(Dimension.DAY));
        assertEquals(List.of("2026-10 5 3 2"), rows(Dimension.MONTH));
    }
}
