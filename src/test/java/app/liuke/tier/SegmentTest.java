package app.liuke.tier;

import static app.liuke.support.ShopTime.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.customer.Birthday;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.CustomerQuery;
import app.liuke.customer.PurchaseDraft;
import app.liuke.shared.InvalidInput;
import app.liuke.support.ShopTime;
import app.liuke.support.TestShop;
import java.nio.file.Path;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentTest {
    @TempDir
    Path folder;
    TestShop shop;
    final ShopDays days = new ShopDays(ShopTime.SHANGHAI);

    @BeforeEach
    void start() {
        shop = TestShop.create(folder);
        shop.clock.set(at("2025-02-25 10:00"));
        add("王芳", "13800138000", "02-29", Set.of("VIP"), 6_000);
        add("李娜", "13800138001", "03-03", Set.of(), 100);
        add("张伟", "13800138002", "03-04", Set.of("VIP"), 0);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private void add(String name, String phone, String birthday, Set<String> tags, long yuan) {
        var draft = new CustomerDraft(name, phone, new Birthday(null, MonthDay.parse("--" + birthday)), null, null, tags, null,
                null, "南京西路店", null, null, null, List.of(), null);
        long id = shop.liuke.customers().upsert(draft).customerId();
        if (yuan > 0) {
            shop.liuke.purchases().record(new PurchaseDraft(id, null, null, yuan * 100, List.of(), null, null, null));
        }
    }

    private List<String> names(String segment) {
        var parsed = Segment.parse(segment, days, shop.clock.instant());
        return shop.liuke.customers().search(new CustomerQuery(null, null, parsed, 1, 50)).items().stream()
                .map(app.liuke.customer.Customer::name).toList();
    }

    @Test
    void filtersCombine() {
        assertEquals(List.of("王芳"), names("tier:A"));
        assertEquals(List.of("王芳", "李娜"), names("tier:A,C stage:new"));
        assertEquals(List.of("王芳", "张伟"), names("tag:VIP"));
        assertEquals(List.of("张伟"), names("tag:VIP stage:potential"));
        assertEquals(List.of("王芳"), names("points>=50 store:南京西路店"));
        assertEquals(List.of("李娜"), names("spent<200 purchases=1"));
        assertEquals(List.of(), names("inactive>=1"));
        shop.clock.set(at("2025-03-10 10:00"));
        assertEquals(List.of("王芳", "李娜"), names("inactive>=13"));
    }

    @Test
    void birthdayNextSevenDays_includesTheLeapDayInACommonYear() {
        assertEquals(List.of("王芳", "李娜"), names("birthday:next-7-days"), "25 Feb–3 Mar 2025 holds 28 Feb, so 29 Feb birthdays too");
        assertEquals(List.of(), names("birthday:today"));
    }

    @Test
    void badFilters_areExplained() {
        var unknown = assertThrows(InvalidInput.class, () -> Segment.parse("teir:A", days, shop.clock.instant()));
        assertTrue(shop.liuke.texts().explain(unknown).contains("teir:A"), shop.liuke.texts().explain(unknown));
        assertThrows(InvalidInput.class, () -> Segment.parse("tier:D", days, shop.clock.instant()));
        assertThrows(InvalidInput.class, () -> Segment.parse("stage:asleep", days, shop.clock.instant()));
        assertThrows(InvalidInput.class, () -> Segment.parse("birthday:soon", days, shop.clock.instant()));
        assertThrows(InvalidInput.class, () -> Segment.parse("tag:", days, shop.clock.instant()));
        assertThrows(InvalidInput.class, () -> Segment.parse("rfm.x<=2", days, shop.clock.instant()));
        assertThrows(InvalidInput.class, () -> Segment.parse("x".repeat(501), days, shop.clock.instant()));
    }

    @Test
    void hostileValues_areParametersNotSql() {
        assertEquals(List.of(), names("tag:'));DROP_TABLE_customer;--"));
        assertEquals(3, shop.count("customer"));
    }
}
