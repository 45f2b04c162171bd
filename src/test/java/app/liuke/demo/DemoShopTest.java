package app.liuke.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TestShop;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoShopTest {
    @TempDir
    Path folder;

    private long scalar(TestShop shop, String sql) {
        return shop.liuke.database().read(handle -> handle.queryLong(sql));
    }

    @Test
    void demoShop_hasAFewHundredCustomersWithARealisticSpread_andSeedsOnlyOnce() {
        try (var shop = TestShop.create(folder)) {
            var demo = new DemoShop(shop.liuke);
            assertEquals(DemoShop.CUSTOMERS, demo.seedIfEmpty());
            assertEquals(0, demo.seedIfEmpty(), "an existing demo database is kept");

            assertEquals(300, shop.count("customer"));
            assertEquals(8, shop.count("staff"));
            long never = scalar(shop, "SELECT count(*) FROM customer WHERE purchase_count = 0");
            long once = scalar(shop, "SELECT count(*) FROM customer WHERE purchase_count = 1");
            long many = scalar(shop, "SELECT count(*) FROM customer WHERE purchase_count >= 8");
            long quietHalfYear = scalar(shop, "SELECT count(*) FROM customer WHERE purchase_count > 0 AND last_purchase_at < "
                    + shop.clock.instant().minusSeconds(183L * 86_400).getEpochSecond());
            assertTrue(never > 20 && once > 50 && many > 10 && quietHalfYear > 20,
                    "never=" + never + " once=" + once + " many=" + many + " quiet=" + quietHalfYear);
            assertEquals(scalar(shop, "SELECT count(*) FROM purchase WHERE customer_id IS NOT NULL"),
                    scalar(shop, "SELECT sum(purchase_count) FROM customer"),
                    "aggregates match the purchases");
            assertTrue(scalar(shop, "SELECT count(*) FROM purchase WHERE purchased_at > "
                    + shop.clock.instant().getEpochSecond()) == 0, "no sale in the future");
            assertTrue(scalar(shop, "SELECT count(*) FROM channel_identity") > 30);
            assertTrue(scalar(shop, "SELECT count(*) FROM follow_up") > 50);

            var counts = shop.liuke.classification().counts(app.liuke.tier.Segment.everyone());
            System.out.println("demo tiers x stages: " + counts);
            long a = counts.get("A").values().stream().mapToLong(Long::longValue).sum();
            assertTrue(a >= 25 && a <= 60, "A, the key customers, are 10–20% of 300: " + a);
            for (String stage : java.util.List.of("potential", "new", "repeat", "loyal", "dormant", "churned")) {
                long inStage = counts.values().stream().mapToLong(byStage -> byStage.get(stage)).sum();
                assertTrue(inStage > 0, "the demo shows every stage: " + stage + " in " + counts);
            }
            assertTrue(scalar(shop, "SELECT count(*) FROM customer WHERE rfm_r IS NOT NULL") > 100);

            // A shop that has been running: walk-ins, survey answers, open low-score tasks, campaign results, 91 days of snapshots.
            assertTrue(scalar(shop, "SELECT count(*) FROM purchase WHERE customer_id IS NULL") > 0, "walk-in sales");
            assertTrue(scalar(shop, "SELECT count(*) FROM survey_answer WHERE kind = 'csat'") > 50);
            assertTrue(scalar(shop, "SELECT count(*) FROM follow_up_task WHERE closed_at IS NULL") > 0, "a low score or two to answer");
            assertEquals(91, scalar(shop, "SELECT count(DISTINCT day) FROM classification_snapshot"));
            var lastQuarter = new app.liuke.report.Period(java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2026, 3, 15));
            var funnels = shop.liuke.database().read(h -> shop.liuke.trends().funnels(h, lastQuarter));
            assertTrue(funnels.stream().anyMatch(f -> f.campaign().equals("reactivation") && f.purchased() > 0), funnels.toString());
            var reactivation = shop.liuke.database().read(h -> shop.liuke.trends().reactivation(h, lastQuarter));
            assertTrue(reactivation.rate() != null && reactivation.rate() > 0 && reactivation.rate() < 1, reactivation.toString());
            long staff = scalar(shop, "SELECT id FROM staff WHERE name = '李娜'");
            var todo = shop.liuke.database().read(h -> shop.liuke.todos().list(h, app.liuke.workbench.TodoScope.staff(staff),
                    shop.clock.instant()));
            assertTrue(todo.size() >= 1 && todo.size() <= 15, "李娜 has a day's work, not the whole archive: " + todo.size());
            var shopList = shop.liuke.database().read(h -> shop.liuke.todos().list(h, app.liuke.workbench.TodoScope.everyone(),
                    shop.clock.instant()));
            assertTrue(shopList.size() >= 10 && shopList.size() <= 80, "a well-run shop: " + shopList.size() + " of 300 due");
            assertEquals(app.liuke.workbench.TodoReason.LOW_SCORE, shopList.get(0).first(), "the most urgent first");
            long escalated = shopList.stream().filter(app.liuke.workbench.TodoItem::escalated).count();
            assertTrue(escalated < shopList.size() / 2, escalated + " of " + shopList.size() + " escalated: a few, not all");
        }
    }
}
