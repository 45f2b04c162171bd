package app.liuke.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TelegramShopTest;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Member offers over the real webhook and a fake Bot API: listing, redeeming once, refusals and group claims. */
class OffersChatTest extends TelegramShopTest {
    static final long OWNER = TestShop.OWNER_ID;
    static final long CLERK = 7002;
    static final long CLERK_2 = 7003;
    static final long ALICE = 401;
    static final long BOB = 402;
    static final long GROUP = -100_777;
    private static final Pattern CODE = Pattern.compile("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");

    private String ask(long user, String name, String text, int expectedCount) {
        assertEquals(200, shop.webhook(Updates.privateText(Updates.nextId(), user, name, text)).status());
        return api.awaitSent(String.valueOf(user), expectedCount).get(expectedCount - 1).text();
    }

    private long customerId(long telegramUser) {
        return shop.queryLong("SELECT customer_id FROM channel_identity WHERE external_id = :id", "id", String.valueOf(telegramUser));
    }

    private static String code(String text) {
        Matcher matcher = CODE.matcher(text);
        assertTrue(matcher.find(), "a code in: " + text);
        return matcher.group();
    }

    /** Alice becomes an A customer (a 6,000 yuan purchase is 60 points); Bob stays C; the clerks are staff. */
    private void shopWithCustomers() {
        ask(ALICE, "Alice", "/start", 1);
        ask(BOB, "Bob", "/start", 1);
        ask(OWNER, "Boss", "/start", 1);
        ask(OWNER, "Boss", "/staff add " + CLERK + " staff 小王", 2);
        ask(OWNER, "Boss", "/staff add " + CLERK_2 + " staff 小李", 3);
        assertTrue(ask(OWNER, "Boss", "/sale #" + customerId(ALICE) + " 6000 金手镯", 4).contains("A"));
        ask(OWNER, "Boss", "/sale #" + customerId(BOB) + " 100", 5);
    }

    @Test
    void anEligibleCustomer_seesTheirOfferWithACode_andUsesItExactlyOnce() {
        shopWithCustomers();
        String offers = ask(ALICE, "Alice", "/offers", 2);
        assertTrue(offers.contains("A 级会员专享 8 折") && !offers.contains("B 级会员"), offers);
        String code = code(offers);
        assertEquals(code, code(ask(ALICE, "Alice", "优惠", 3)), "asking again shows the same code, not a new one");

        String redeemed = ask(CLERK, "小王", "/redeem " + code.toLowerCase() + " 1280 手链", 1);
        assertTrue(redeemed.contains("核销成功") && redeemed.contains("Alice") && redeemed.contains("1280"), redeemed);
        String again = ask(CLERK, "小王", "/redeem " + code, 2);
        assertTrue(again.contains("已经用过") && again.contains("小王") && again.contains("2026-03-15"), again);
        assertFalse(ask(ALICE, "Alice", "/offers", 4).contains(code), "a used code is no longer offered");

        var stats = shop.get("/api/offers/a-20-off").json().path("stats");
        assertEquals(1, stats.path("redeemed").asInt(), stats.toString());
        assertEquals(1, stats.path("withPurchase").asInt(), stats.toString());
        assertEquals(1, shop.queryLong("SELECT count(*) FROM offer_redemption r JOIN purchase p ON p.id = r.purchase_id"
                + " WHERE p.amount_cents = 128000 AND r.staff_id = (SELECT id FROM staff WHERE name = '小王')"));
    }

    @Test
    void anIneligibleCustomer_isRefused_andSoIsAnUnknownOrLapsedCode() {
        shopWithCustomers();
        assertFalse(ask(BOB, "Bob", "/offers", 2).contains("8 折"), "Bob (C) is not shown the A offer");
        var given = shop.post("/api/offers/a-20-off/codes", "{\"customerId\":" + customerId(BOB) + "}");
        assertEquals(409, given.status(), given.body());

        String code = code(ask(ALICE, "Alice", "/offers", 2));
        ask(OWNER, "Boss", "/tier #" + customerId(ALICE) + " C 测试", 6);
        String refused = ask(CLERK, "小王", "/redeem " + code, 1);
        assertTrue(refused.contains("不符合") && refused.contains("A 级会员"), refused);
        assertTrue(ask(CLERK, "小王", "/redeem ABCD-EFG0", 2).contains("没有找到"), "unknown code");
        assertTrue(ask(BOB, "Bob", "/redeem " + code, 3).contains("店员"), "a customer cannot redeem");

        ask(OWNER, "Boss", "/tier #" + customerId(ALICE) + " auto", 7);
        shop.clock.advance(java.time.Duration.ofDays(31));
        assertTrue(ask(CLERK, "小王", "/redeem " + code, 3).contains("过期"), "codes last 30 days");
        assertEquals(0, shop.count("offer_redemption"));
    }

    @Test
    void aSharedCode_namesTheCustomer_andKeepsToThePerCustomerLimit() {
        shopWithCustomers();
        var created = shop.post("/api/offers", """
                {"id": "vip-day", "title": "会员日 9 折", "text": "每月 8 号会员日全场 9 折", "personal": false, "code": "vip-day8"}""");
        assertEquals(201, created.status(), created.body());
        assertTrue(ask(ALICE, "Alice", "/offers", 2).contains("VIPDAY8"), "the shared code is shown to those who qualify");
        assertTrue(ask(CLERK, "小王", "/redeem VIPDAY8", 1).contains("/redeem VIPDAY8 顾客"), "asks for the customer");
        String done = ask(CLERK, "小王", "/redeem vipday8 #" + customerId(ALICE) + " 300", 2);
        assertTrue(done.contains("核销成功") && done.contains("300"), done);
        assertTrue(ask(CLERK, "小王", "/redeem VIPDAY8 #" + customerId(ALICE), 3).contains("每人限用 1 次"));
        assertTrue(ask(CLERK, "小王", "/redeem VIPDAY8 #" + customerId(BOB), 4).contains("核销成功"));
        assertEquals(409, shop.post("/api/offers", """
                {"id": "vip-day", "title": "重复", "text": "重复"}""").status());
        assertEquals(400, shop.post("/api/offers", """
                {"id": "x", "title": "坏", "text": "坏", "tiers": ["Z"]}""").status());
        assertEquals(400, shop.post("/api/offers", """
                {"id": "y", "title": "坏", "text": "坏", "segment": "colour:red"}""").status());
        assertEquals(404, shop.get("/api/offers/nope").status());
    }

    @Test
    void twoStaffRedeemingOneCodeAtOnce_exactlyOneSucceeds() {
        shopWithCustomers();
        String code = code(ask(ALICE, "Alice", "/offers", 2));
        shop.webhook(Updates.privateText(Updates.nextId(), CLERK, "小王", "/redeem " + code));
        shop.webhook(Updates.privateText(Updates.nextId(), CLERK_2, "小李", "/redeem " + code));
        String first = api.awaitSent(String.valueOf(CLERK), 1).get(0).text();
        String second = api.awaitSent(String.valueOf(CLERK_2), 1).get(0).text();
        assertEquals(1, (first.contains("核销成功") ? 1 : 0) + (second.contains("核销成功") ? 1 : 0), first + " / " + second);
        assertTrue(first.contains("已经用过") || second.contains("已经用过"), first + " / " + second);
        assertEquals(1, shop.count("offer_redemption"));
    }

    @Test
    void aManagerPostsAnOfferToTheGroup_membersClaimPrivately_andOthersAreToldWhyNot() {
        shopWithCustomers();
        assertEquals(201, shop.post("/api/offers", """
                {"id": "group-gift", "title": "群专享小礼", "text": "到店领取小礼物一份", "listed": false, "codeValidDays": 7}""").status());
        assertEquals(201, shop.post("/api/offers", """
                {"id": "a-group", "title": "A 级群福利", "text": "A 级会员再享 9 折", "tiers": ["A"], "listed": false}""").status());
        shop.webhook(Updates.groupText(Updates.nextId(), GROUP, OWNER, "Boss", "/group register"));
        shop.webhook(Updates.memberJoined(Updates.nextId(), GROUP, ALICE, "Alice", null));
        shop.webhook(Updates.memberJoined(Updates.nextId(), GROUP, BOB, "Bob", null));
        shop.webhook(Updates.groupText(Updates.nextId(), GROUP, OWNER, "Boss", "/offers"));
        var menu = api.await(calls -> api.sentTo(String.valueOf(OWNER)).stream().anyMatch(c -> !c.buttonData().isEmpty()),
                "the post menu").stream().filter(c -> c.chatId().equals(String.valueOf(OWNER)) && !c.buttonData().isEmpty())
                .findFirst().orElseThrow();
        List<String> choices = menu.buttonData();
        assertTrue(choices.contains("o|p|" + GROUP + "|group-gift") && choices.contains("o|p|" + GROUP + "|a-group"), choices.toString());

        shop.webhook(Updates.buttonPress(Updates.nextId(), OWNER, "Boss", "o|p|" + GROUP + "|group-gift", 5));
        shop.webhook(Updates.buttonPress(Updates.nextId(), OWNER, "Boss", "o|p|" + GROUP + "|a-group", 5));
        var posts = api.await(calls -> api.sentTo(String.valueOf(GROUP)).stream().filter(c -> !c.buttonData().isEmpty()).count() == 2,
                "two posts in the group");
        assertTrue(posts.stream().anyMatch(c -> c.buttonData().equals(List.of("o|c|group-gift")) && c.text().contains("群专享小礼")));

        shop.webhook(Updates.groupButtonPress(Updates.nextId(), GROUP, ALICE, "Alice", "o|c|group-gift", 9));
        String toAlice = api.await(calls -> api.sentTo(String.valueOf(ALICE)).stream().anyMatch(c -> c.text().contains("群专享小礼")),
                "Alice's code").stream().filter(c -> c.chatId().equals(String.valueOf(ALICE)) && c.text().contains("群专享小礼"))
                .findFirst().orElseThrow().text();
        String aliceCode = code(toAlice);
        api.await(calls -> answers().stream().anyMatch(text -> text.contains(aliceCode)), "the toast showing the code too");

        shop.webhook(Updates.groupButtonPress(Updates.nextId(), GROUP, ALICE, "Alice", "o|c|group-gift", 9));
        shop.webhook(Updates.groupButtonPress(Updates.nextId(), GROUP, BOB, "Bob", "o|c|a-group", 10));
        shop.webhook(Updates.memberLeft(Updates.nextId(), GROUP, BOB, "Bob"));
        shop.webhook(Updates.groupButtonPress(Updates.nextId(), GROUP, BOB, "Bob", "o|c|group-gift", 9));
        api.await(calls -> answers().size() >= 4, "four answers to claims");
        shop.awaitInboxDone();
        List<String> answers = answers();
        assertTrue(answers.get(1).contains(aliceCode), "a second press gives the same code: " + answers);
        assertTrue(answers.get(2).contains("仅限") && answers.get(2).contains("A"), "Bob is C: " + answers);
        assertTrue(answers.get(3).contains("不在群里"), "Bob left the group: " + answers);
        assertEquals(1, shop.queryLong("SELECT count(*) FROM offer_code WHERE offer_id = 'group-gift'"));
        assertEquals(0, shop.queryLong("SELECT count(*) FROM offer_code WHERE customer_id = :bob", "bob", customerId(BOB)));
    }

    private List<String> answers() {
        return api.calls("answerCallbackQuery").stream().map(c -> c.body().path("text").asText())
                .filter(text -> !text.contains("已发布") && !text.contains("发到群里")).toList();
    }
}
