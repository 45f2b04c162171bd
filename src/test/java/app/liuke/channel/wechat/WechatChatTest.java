package app.liuke.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.staff.Role;
import app.liuke.staff.StaffDirectory;
import app.liuke.support.FakeWechatApi;
import app.liuke.support.WechatShopTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Customers and staff in the shop's Official Account: follows, referrals, commands, menus, surveys and staff work. */
class WechatChatTest extends WechatShopTest {
    private static final String ANNA = "oAnnaFollower000001";
    private static final String BEN = "oBenFollower0000002";
    private static final String CLERK = "oClerkOnWechat00003";

    private long customerOf(String openid) {
        return shop.queryLong("SELECT customer_id FROM channel_identity WHERE channel = 'wechat' AND external_id = :id", "id", openid);
    }

    private FakeWechatApi.Call last(List<FakeWechatApi.Call> calls) {
        return calls.get(calls.size() - 1);
    }

    @Test
    void aNewFollower_isWelcomedWithAMenu_andAFriendWhoScansTheirCode_isTheirReferral() {
        var welcome = say(ANNA, wechat.event(ANNA, "subscribe", null), 1).get(0);
        assertEquals("msgmenu", welcome.body().path("msgtype").asText(), welcome.body().toString());
        assertTrue(welcome.text().contains("欢迎"), welcome.text());
        assertTrue(welcome.body().path("msgmenu").path("list").get(0).path("content").asText().startsWith("1 "));
        long anna = customerOf(ANNA);
        var annaCard = shop.get("/api/customers/" + anna).json();
        assertEquals("wechat", annaCard.path("customer").path("source").asText(), annaCard.toString());

        String invitation = last(say(ANNA, wechat.text(ANNA, "/invite"), 2)).text();
        String code = shop.liuke.database().read(h -> h.queryOne("SELECT invite_code FROM customer WHERE id = :id",
                r -> r.getString(1), "id", anna)).orElseThrow();
        assertTrue(invitation.contains("二维码") && invitation.contains("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH-ref_"
                + code + "%3D%3D"), invitation);
        say(ANNA, wechat.text(ANNA, "邀请好友"), 3);
        assertEquals(1, api.calls("qrcode/create").size(), "the QR code is made once and kept");
        assertEquals("QR_STR_SCENE", api.calls("qrcode/create").get(0).body().path("action_name").asText());
        var greeted = say(BEN, wechat.event(BEN, "subscribe", "qrscene_ref_" + code), 2);  // Ben scanned Anna's code
        assertTrue(greeted.stream().anyMatch(call -> call.text().contains("微信用户 0001")), greeted.toString());
        assertEquals(anna, shop.queryLong("SELECT referrer_id FROM customer WHERE id = :id", "id", customerOf(BEN)));
    }

    @Test
    void memberCardOffersAndOptOut_workInChineseText_andFromTheMenu() {
        say(ANNA, wechat.event(ANNA, "subscribe", null), 1);
        String card = last(say(ANNA, wechat.text(ANNA, "会员卡"), 2)).text();
        assertTrue(card.contains("微信用户 0001"), card);
        String byMenu = last(say(ANNA, wechat.event(ANNA, "CLICK", "/me"), 3)).text();
        assertEquals(card, byMenu);
        String offers = last(say(ANNA, wechat.text(ANNA, "/offers"), 4)).text();
        assertTrue(offers.contains("优惠"), offers);
        say(ANNA, wechat.text(ANNA, "退订"), 5);
        assertEquals(1, shop.queryLong("SELECT opted_out FROM customer WHERE id = :id", "id", customerOf(ANNA)));
    }

    @Test
    void unfollowing_makesTheFollowerUnreachable_keepsTheirRecord_andFollowingAgainWelcomesThemBack() {
        say(ANNA, wechat.event(ANNA, "subscribe", null), 1);
        long anna = customerOf(ANNA);
        assertEquals(200, wechat.post(wechat.event(ANNA, "unsubscribe", null)).status());
        shop.awaitInboxDone();
        assertNotNull(shop.liuke.database().read(h -> h.queryOne("SELECT unreachable_at FROM channel_identity WHERE external_id = :id",
                r -> r.getObject(1), "id", ANNA)).orElse(null));
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer WHERE id = :id", "id", anna));
        shop.clock.advance(java.time.Duration.ofMinutes(5));
        var back = last(say(ANNA, wechat.event(ANNA, "subscribe", null), 2)).text();
        assertTrue(back.contains("欢迎回来") || back.contains("回来"), back);
        assertEquals(anna, customerOf(ANNA));
        assertEquals(0, shop.queryLong("SELECT count(*) FROM channel_identity WHERE external_id = :id AND unreachable_at IS NOT NULL",
                "id", ANNA));
    }

    @Test
    void aFollowerFromBeforeLiuke_isWelcomedAndAnsweredAtTheirFirstMessage() {
        var replies = say(ANNA, wechat.text(ANNA, "会员卡"), 2);
        assertTrue(replies.get(0).text().contains("欢迎"), replies.toString());
        assertTrue(replies.get(1).text().contains("微信用户 0001"), replies.toString());
        assertEquals("wechat", shop.liuke.database().read(h -> h.queryOne("SELECT source FROM customer WHERE id = :id",
                r -> r.getString(1), "id", customerOf(ANNA))).orElseThrow());
    }

    @Test
    void aSurvey_isAnsweredByTappingItsMenu_andByReplyingANumber() {
        say(ANNA, wechat.event(ANNA, "subscribe", null), 1);
        long anna = customerOf(ANNA);
        assertEquals(201, shop.post("/api/surveys/post-purchase/send", "{\"customerId\":" + anna + "}").status());
        var question = last(api.awaitSent(ANNA, 2));
        assertTrue(question.text().contains("1/4"), question.text());
        List<String> ids = question.menuIds();
        assertEquals(5, ids.size(), question.body().toString());
        say(ANNA, wechat.menuChoice(ANNA, ids.get(3), "4 满意"), 3);
        var nps = last(api.sentTo(ANNA));
        assertTrue(nps.text().contains("2/4"), nps.text());
        say(ANNA, wechat.text(ANNA, "9"), 4);             // the option labelled 9 (of 0 … 10), not the ninth
        shop.awaitInboxDone();
        assertEquals(4, shop.queryLong("SELECT score FROM survey_answer WHERE question = 'satisfaction'"));
        assertEquals(9, shop.queryLong("SELECT score FROM survey_answer WHERE question = 'recommend'"));
    }

    @Test
    void staffBoundByTheirOpenid_workFromWechat_andOthersLearnTheirIdToBeAdded() {
        var refused = say(CLERK, wechat.text(CLERK, "/staff"), 3);
        assertTrue(last(refused).text().contains("wechat:" + CLERK), refused.toString());
        String boss = "oBossOnWechat000004";
        shop.liuke.database().useTransaction(h -> new StaffDirectory().addWechatStaff(h, "老板", Role.OWNER, null, boss,
                shop.clock.instant()));
        String added = last(say(boss, wechat.text(boss, "/staff add wechat:" + CLERK + " manager 小李"), 1)).text();
        assertTrue(added.contains("小李"), added);
        say(ANNA, wechat.event(ANNA, "subscribe", null), 1);
        String todo = last(say(CLERK, wechat.text(CLERK, "/todo"), 4)).text();
        assertTrue(todo.contains("待办") || todo.contains("照顾"), todo);
        String sale = last(say(CLERK, wechat.text(CLERK, "/sale #" + customerOf(ANNA) + " 680 耳钉"), 5)).text();
        assertTrue(sale.contains("680"), sale);
        assertEquals(1, shop.queryLong("SELECT count(*) FROM purchase WHERE staff_id = (SELECT id FROM staff WHERE name = '小李')"));
        say(boss, wechat.text(boss, "/todo team"), 2);
        shop.awaitInboxDone();
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(2, api.sentTo(boss).size(), "staff who are not customers get no welcome before their answers");
        assertEquals(0, shop.queryLong("SELECT count(*) FROM channel_identity WHERE external_id = :id", "id", boss));
    }

    @Test
    void aFollowerScanningAShopCode_isStartedWithItsScene() {
        say(ANNA, wechat.event(ANNA, "subscribe", null), 1);
        say(ANNA, wechat.event(ANNA, "SCAN", "store_xujiahui"), 2);
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer"));
        String source = shop.liuke.database().read(h -> h.queryOne("SELECT source FROM customer", r -> r.getString(1))).orElseThrow();
        assertEquals("wechat", source, "the source is where they first came from");
        assertEquals(2, shop.queryLong("SELECT count(*) FROM inbox WHERE channel = 'wechat' AND update_id < 0"), "events keyed by hash");
    }
}
