package app.liuke.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TelegramShopTest;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import org.junit.jupiter.api.Test;

/** Staff commands with roles, and loyal-customer groups, over the real webhook and a fake Bot API. */
class StaffAndGroupTest extends TelegramShopTest {
    static final long OWNER = TestShop.OWNER_ID;
    static final long CLERK = 7002;
    static final long CUSTOMER = 333;
    static final long GROUP = -100_555;
    private String ask(long user, String name, String text, int expectedCount) {
        assertEquals(200, shop.webhook(Updates.privateText(Updates.nextId(), user, name, text)).status());
        return api.awaitSent(String.valueOf(user), expectedCount).get(expectedCount - 1).text();
    }

    private long customerId(long telegramUser) {
        return shop.queryLong("SELECT customer_id FROM channel_identity WHERE external_id = :id", "id", String.valueOf(telegramUser));
    }

    @Test
    void aCustomerTypingAStaffCommand_isPolitelyRefused_andNothingChanges() {
        ask(CUSTOMER, "顾客甲", "/start", 1);
        String reply = ask(CUSTOMER, "顾客甲", "/sale #" + customerId(CUSTOMER) + " 1280 手链", 2);
        assertTrue(reply.contains("抱歉") && reply.contains("店员"), reply);
        shop.awaitInboxDone();
        assertEquals(0, shop.count("purchase"));
        String staffAdd = ask(CUSTOMER, "顾客甲", "/staff add 333 owner", 4);
        assertTrue(staffAdd.contains("333"), "tells them their id to pass on: " + staffAdd);
        assertEquals(1, shop.count("staff"), "only the seeded owner");
    }

    @Test
    void theOwnerAddsStaff_whoRecordsASale_andTheTierChangesAtOnce() {
        ask(CUSTOMER, "顾客甲", "/start", 1);
        assertTrue(ask(OWNER, "Boss", "/start", 1).contains("老板"));
        assertTrue(ask(OWNER, "Boss", "/staff add 7002 staff 小王", 2).contains("小王"));
        String id = "#" + customerId(CUSTOMER);
        String sale = ask(CLERK, "小王", "/sale " + id + " 6,000 金手镯", 1);
        assertTrue(sale.contains("6000.00") && sale.contains("金手镯") && sale.contains("积分 60") && sale.contains("A"), sale);
        assertEquals("A", shop.liuke.customers().get(customerId(CUSTOMER)).tier());
        assertTrue(ask(CLERK, "小王", "/note " + id + " 电话回访，很满意", 2).contains("很满意"));
        assertTrue(ask(CLERK, "小王", "/tag " + id + " 喜欢黄金", 3).contains("喜欢黄金"));
        assertTrue(ask(CLERK, "小王", "/tier " + id + " C", 4).contains("店长"), "staff may not set tiers");
        assertTrue(ask(OWNER, "Boss", "/tier " + id + " B 老朋友", 3).contains("B"));
        assertTrue(ask(OWNER, "Boss", "/assign " + id + " 小王", 4).contains("小王"));
        String card = ask(CLERK, "小王", "/customer " + id, 5);
        assertTrue(card.contains("顾客甲") && card.contains("喜欢黄金") && card.contains("小王") && card.contains("B"), card);
        assertEquals(1, shop.queryLong("SELECT count(*) FROM follow_up WHERE method = 'phone'"));
        assertEquals(1, shop.queryLong("SELECT count(*) FROM classification_change WHERE kind = 'override'"));
    }

    @Test
    void badStaffInput_getsAClearAnswer_andWritesNothing() {
        ask(CUSTOMER, "顾客甲", "/start", 1);
        ask(OWNER, "Boss", "/start", 1);
        assertTrue(ask(OWNER, "Boss", "/sale", 2).contains("用法"));
        assertTrue(ask(OWNER, "Boss", "/sale #" + customerId(CUSTOMER) + " 十块", 3).contains("十块"));
        assertTrue(ask(OWNER, "Boss", "/sale #999999 100", 4).contains("没有找到"));
        assertTrue(ask(OWNER, "Boss", "/sale #" + customerId(CUSTOMER) + " 99999999999", 5).contains("99999999999"));
        assertTrue(ask(OWNER, "Boss", "/tier #" + customerId(CUSTOMER) + " Z 原因", 6).contains("Z"));
        assertTrue(ask(OWNER, "Boss", "/staff add bob", 7).contains("bob"));
        shop.awaitInboxDone();
        assertEquals(0, shop.count("purchase"));
        assertEquals(0, shop.queryLong("SELECT count(*) FROM classification_change WHERE kind = 'override'"));
    }

    @Test
    void aManagerRegistersTheGroup_joinersAreWelcomedAndLinked_activityAndLeavesAreRecorded() {
        shop.webhook(Updates.groupText(Updates.nextId(), GROUP, CUSTOMER, "顾客甲", "/group register"));
        shop.webhook(Updates.groupText(Updates.nextId(), GROUP, OWNER, "Boss", "/group register"));
        var answers = api.awaitSent(String.valueOf(GROUP), 2);
        assertTrue(answers.get(0).text().contains("抱歉"), "a customer may not register the group");
        assertTrue(answers.get(1).text().contains("会员群"));
        shop.awaitInboxDone();
        assertEquals(1, shop.count("chat_group"));
        assertEquals(0, shop.queryLong("SELECT count(*) FROM chat_group WHERE registered_by IS NULL"));

        shop.webhook(Updates.memberJoined(Updates.nextId(), GROUP, 444, "新朋友", "门店海报"));
        String welcome = api.awaitSent(String.valueOf(GROUP), 3).get(2).text();
        assertTrue(welcome.contains("新朋友"), welcome);
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM group_member WHERE invite_link = '门店海报' AND left_at IS NULL"));
        assertEquals("potential", shop.liuke.customers().get(customerId(444)).stage());

        shop.webhook(Updates.memberJoined(Updates.nextId(), GROUP, 444, "新朋友", null));
        shop.webhook(Updates.groupText(Updates.nextId(), GROUP, 444, "新朋友", "大家好"));
        shop.awaitInboxDone();
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(3, api.sentTo(String.valueOf(GROUP)).size(), "a second join notice is not a second welcome; chatter gets no reply");
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer WHERE last_group_activity_at IS NOT NULL"));

        shop.webhook(Updates.groupText(Updates.nextId(), GROUP, 444, "新朋友", "/me"));
        api.awaitSent("444", 1);
        String notice = api.awaitSent(String.valueOf(GROUP), 4).get(3).text();
        assertTrue(notice.contains("私信") && !notice.contains("积分"), "no personal data in the group: " + notice);

        shop.webhook(Updates.groupText(Updates.nextId(), GROUP, OWNER, "Boss", "/customer 新朋友"));
        assertTrue(api.awaitSent(String.valueOf(GROUP), 5).get(4).text().contains("私聊"));

        shop.webhook(Updates.memberLeft(Updates.nextId(), GROUP, 444, "新朋友"));
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM group_member WHERE left_at IS NOT NULL"));
    }

    @Test
    void loyalCustomersJoiningAreWelcomedWithTheirHonour() {
        ask(CUSTOMER, "顾客甲", "/start", 1);
        shop.liuke.database().useTransaction(handle -> handle.update("UPDATE customer SET stage = 'loyal' WHERE id = :id",
                "id", customerId(CUSTOMER)));
        shop.webhook(Updates.groupText(Updates.nextId(), GROUP, OWNER, "Boss", "/group register"));
        api.awaitSent(String.valueOf(GROUP), 1);
        shop.webhook(Updates.memberJoined(Updates.nextId(), GROUP, CUSTOMER, "顾客甲", null));
        String welcome = api.awaitSent(String.valueOf(GROUP), 2).get(1).text();
        assertTrue(welcome.contains("老买家") && welcome.contains("顾客甲"), welcome);
    }
}
