package app.liuke.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.liuke.staff.Role;
import app.liuke.support.TelegramShopTest;
import app.liuke.support.Updates;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * The workbench tests' shop on 2026-03-15 (shop defaults: follow-up every 30 days, new customers after
 * 7, escalation 3 days later): manager 小李 and 小王 in group 一组, and 小王's customers, each on the
 * list for its own reason or, opted out, not at all.
 */
abstract class WorkbenchTestBase extends TelegramShopTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final long MANAGER = 7101;
    static final long WANG = 7102;
    long wangId;
    long zhang;
    long li;
    long wu;
    long zhao;
    long sun;

    void at(String localDateTime) {
        shop.clock.set(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
    }

    long customer(String json) {
        var created = shop.post("/api/customers", json);
        assertEquals(201, created.status(), created.body());
        return created.json().at("/customer/id").asLong();
    }

    void followUp(long customer, String date) {
        var logged = shop.post("/api/customers/" + customer + "/follow-ups", "{\"staffId\": " + wangId + ", \"date\": \"" + date
                + "\", \"method\": \"phone\", \"content\": \"电话回访\"}");
        assertEquals(201, logged.status(), logged.body());
    }

    /** 小李 manages group 一组; 小王 is in it. Six customers of 小王's, each on the list for its own reason (or not at all). */
    @BeforeEach
    void aSmallShop() {
        shop.liuke.database().useTransaction(handle -> {
            var staff = shop.liuke.staff();
            long group = staff.groupIdForName(handle, "一组", "本店");
            staff.addStaff(handle, "小李", Role.MANAGER, group, MANAGER, shop.clock.instant());
            wangId = staff.addStaff(handle, "小王", Role.STAFF, group, WANG, shop.clock.instant());
        });
        at("2026-02-01T10:00");
        zhang = customer("{\"name\": \"张三\", \"ownerStaffId\": " + wangId + "}");        // never followed up, never bought
        li = customer("{\"name\": \"李四\", \"ownerStaffId\": " + wangId + "}");
        shop.post("/api/purchases", "{\"customerId\": " + li + ", \"amount\": 300, \"date\": \"2026-01-20\"}");
        zhao = customer("{\"name\": \"赵六\", \"ownerStaffId\": " + wangId + "}");
        shop.post("/api/purchases", "{\"customerId\": " + zhao + ", \"amount\": 200, \"date\": \"2026-01-14\", \"items\": [\"玫瑰面霜\"]}");
        sun = customer("{\"name\": \"孙七\", \"ownerStaffId\": " + wangId + "}");
        customer("{\"name\": \"周八\", \"ownerStaffId\": " + wangId + ", \"optedOut\": true}");   // opted out: left alone
        at("2026-03-13T10:00");
        followUp(li, "2026-02-05");
        followUp(zhao, "2026-03-01");
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + sun + ", \"amount\": 100, \"date\": \"2026-03-12\"}").status());
        followUp(sun, "2026-03-12");
        shop.liuke.database().useTransaction(handle -> handle.insert("""
                INSERT INTO follow_up_task (customer_id, kind, staff_id, detail, created_at) VALUES (:c, 'low-score', :s, '差评', :now)""",
                "c", sun, "s", wangId, "now", shop.clock.instant().getEpochSecond()));
        at("2026-03-14T10:00");
        wu = customer("{\"name\": \"王五\", \"ownerStaffId\": " + wangId + ", \"birthday\": \"1990-03-18\"}");
        at("2026-03-15T10:00");
    }

    FakeBotCall ask(long user, String text) {
        return send(user, Updates.privateText(Updates.nextId(), user, "Someone", text));
    }

    FakeBotCall press(long user, String data) {
        return send(user, Updates.buttonPress(Updates.nextId(), user, "Someone", data, 99));
    }

    record FakeBotCall(String text, List<String> buttons) {
    }

    private FakeBotCall send(long user, String update) {
        int before = api.sentTo(String.valueOf(user)).size();
        shop.webhook(update);
        shop.awaitInboxDone();
        var sent = api.awaitSent(String.valueOf(user), before + 1);
        return new FakeBotCall(sent.get(before).text(), sent.get(before).buttonData());
    }
}
