package app.liuke.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.liuke.support.TestShop;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner reads the next page of an audience while it writes the current one, so a page must
 * end at a whole customer: a customer's second contact of the day, read before the first was
 * written, would not see that the day's slot is taken. Runs on both engines.
 */
class AudiencePagesTest {
    @TempDir
    Path folder;
    private TestShop shop;

    @BeforeEach
    void start() {
        shop = TestShop.create(folder);
        shop.liuke.database().useTransaction(handle -> {
            for (long id = 1; id <= 5; id++) {
                handle.update("INSERT INTO customer (id, name, tier, stage, created_at, updated_at)"
                        + " VALUES (:id, :name, 'B', 'repeat', 0, 0)", "id", 900 + id, "name", "顾客" + id);
            }
        });
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    /** A campaign that reaches each of the five customers {@code occurrences} times on the same day; it can fail on one. */
    private record Repeated(List<String> occurrences, long failOn) implements Campaign {
        @Override
        public CampaignSettings settings() {
            return new CampaignSettings("repeated", true, "", 10, CampaignSettings.Purpose.CARE, 0, Map.of(), null, null, 0, 0,
                    false, 0, 24, List.of(), List.of());
        }

        @Override
        public Audience audience(CampaignDay day) {
            var union = new ArrayList<String>(List.of("SELECT id AS customer_id, '' AS occurrence FROM customer WHERE 1 = 0"));
            for (String occurrence : occurrences) {
                union.add("SELECT id AS customer_id, '" + occurrence + "' AS occurrence FROM customer WHERE id > 900");
            }
            return new Audience(String.join(" UNION ALL ", union));
        }

        @Override
        public Target target(ResultSet row, CampaignDay day) throws SQLException {
            if (row.getLong("customer_id") == failOn) {
                throw new IllegalStateException("this customer's row cannot be read");
            }
            return Target.text(row.getLong("customer_id"), row.getString("occurrence"), "hello");
        }
    }

    private List<List<String>> pages(Campaign campaign, int pageSize) {
        var config = shop.liuke.config();
        var policy = new ContactPolicy(config.contact(), config.timezone(), new CampaignTemplates(Map.of()), 0);
        var day = CampaignDay.of(shop.clock.instant(), config.timezone());
        var pages = new ArrayList<List<String>>();
        try (var audience = new AudiencePages(shop.liuke.database(), new PlanningPage(policy), campaign, day, day.number(), false,
                pageSize)) {
            for (var rows = audience.next(); rows != null; rows = audience.next()) {
                pages.add(rows.stream().map(row -> row.target().customerId() - 900 + row.target().occurrence()).toList());
            }
        }
        return pages;
    }

    @Test
    void aFullPageEndsAtAWholeCustomer_andTheNextStartsWithTheCustomerItGaveBack() {
        assertEquals(List.of(List.of("1a", "1b"), List.of("2a", "2b"), List.of("3a", "3b"), List.of("4a", "4b"), List.of("5a", "5b")),
                pages(new Repeated(List.of("a", "b"), 0), 3));
        assertEquals(List.of(List.of("1a", "1b", "2a", "2b"), List.of("3a", "3b", "4a", "4b"), List.of("5a", "5b")),
                pages(new Repeated(List.of("a", "b"), 0), 5));
    }

    @Test
    void aCustomerWithMoreContactsThanAPage_isPlannedAcrossPagesStillInOrder() {
        var pages = pages(new Repeated(List.of("a", "b", "c", "d", "e"), 0), 3);
        assertEquals(List.of("1a", "1b", "1c"), pages.get(0));
        assertEquals(List.of("1d", "1e"), pages.get(1));
        assertEquals(25, pages.stream().mapToInt(List::size).sum());
        assertEquals(25, pages.stream().flatMap(List::stream).distinct().count());
    }

    @Test
    void aPageThatCannotBeRead_failsThePlanning_evenWhenReadAhead() {
        var failure = assertThrows(IllegalStateException.class, () -> pages(new Repeated(List.of("a", "b"), 904), 3));
        assertEquals("this customer's row cannot be read", failure.getMessage());
    }

    @Test
    void anAudienceOfNoOne_hasNoPages() {
        assertEquals(List.of(), pages(new Repeated(List.of(), 0), 3));
    }
}
