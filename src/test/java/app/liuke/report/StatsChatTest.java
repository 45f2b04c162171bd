package app.liuke.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TelegramShopTest;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import org.junit.jupiter.api.Test;

/** /stats in chat: the owner reads today's and the month's figures; a customer is refused; bad dates get the usage. */
class StatsChatTest extends TelegramShopTest {
    /** Sends {@code text} and returns the {@code replies} messages that answer it, joined. */
    private String ask(long user, String text, int replies) {
        int before = api.sentTo(String.valueOf(user)).size();
        shop.webhook(Updates.privateText(Updates.nextId(), user, "Someone", text));
        shop.awaitInboxDone();
        var sent = api.awaitSent(String.valueOf(user), before + replies);
        return String.join("\n", sent.subList(before, sent.size()).stream().map(call -> call.text()).toList());
    }

    private String ask(long user, String text) {
        return ask(user, text, 1);
    }

    @Test
    void theOwnerSeesTodayAndTheMonth_aCustomerIsRefused() {
        long owner = TestShop.OWNER_ID;
        var created = shop.post("/api/customers", "{\"name\": \"王芳\", \"phone\": \"13800138000\"}");
        long customer = created.json().at("/customer/id").asLong();
        shop.post("/api/purchases", "{\"customerId\": " + customer + ", \"amount\": 680}");
        shop.post("/api/purchases", "{\"amount\": 120}");                // a buyer not on file
        shop.post("/api/purchases", "{\"customerId\": " + customer + ", \"amount\": 100, \"date\": \"2026-03-01\"}");

        String all = ask(owner, "/stats", 2);
        assertTrue(all.contains("📊 今天"), all);
        assertTrue(all.contains("销售 ¥800.00，2 笔，1 位顾客"), "today: 680 + 120\n" + all);
        assertTrue(all.contains("登记率 50.0%"), all);
        assertTrue(all.contains("📊 本月至今"), all);
        assertTrue(all.contains("销售 ¥900.00，3 笔，1 位顾客"), "the month also has 1 March\n" + all);
        assertTrue(all.contains("复购率 100.0%"), all);

        String february = ask(owner, "/stats 2026-02");
        assertTrue(february.contains("📊 2026-02") && february.contains("销售 ¥0.00"), february);
        assertTrue(ask(owner, "/stats 2026-13-45").contains("用法"));
        assertTrue(ask(owner, "/stats 2026-03-10 2026-03-01").contains("用法"), "the span ends before it starts");

        String refused = ask(8123, "/stats");                       // a customer
        assertTrue(!refused.contains("销售") && refused.contains("stats"), "a polite refusal naming the command: " + refused);
    }
}
