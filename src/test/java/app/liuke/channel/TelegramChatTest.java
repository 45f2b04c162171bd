package app.liuke.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.FakeBotApi;
import app.liuke.support.TelegramShopTest;
import app.liuke.support.Updates;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customers talking to the bot over Telegram: the real webhook, the real client, a fake Bot API. */
class TelegramChatTest extends TelegramShopTest {
    static final long ALICE = 111;
    @BeforeEach
    void start() {
        api.await(calls -> !api.calls("getMe").isEmpty(), "getMe at start-up");
    }

    private void say(String text) {
        assertEquals(200, shop.webhook(Updates.privateText(Updates.nextId(), ALICE, "小红", text)).status());
    }

    private String lastTo(long chat, int count) {
        var sent = api.awaitSent(String.valueOf(chat), count);
        return sent.get(count - 1).text();
    }

    @Test
    void start_registersTheCustomer_andWelcomesWithButtons() {
        say("/start");
        var welcome = api.awaitSent("111", 1).get(0);
        assertTrue(welcome.text().contains("小红"), welcome.text());
        assertEquals("c|/me", welcome.body().at("/reply_markup/inline_keyboard/0/0/callback_data").asText());
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer c JOIN channel_identity i ON i.customer_id = c.id"
                + " WHERE i.channel = 'telegram' AND i.external_id = '111' AND c.stage = 'potential'"));
    }

    @Test
    void aRedeliveredUpdate_hasNoSecondEffect() {
        String update = Updates.privateText(Updates.nextId(), ALICE, "小红", "/start");
        assertEquals(200, shop.webhook(update).status());
        assertEquals(200, shop.webhook(update).status());
        shop.awaitInboxDone();
        api.awaitSent("111", 1);
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(1, api.sentTo("111").size());
        assertEquals(1, shop.count("customer"));
        assertEquals(1, shop.count("inbox"));
    }

    @Test
    void startWithAReferralPayload_recordsTheReferrerOnce() {
        say("/invite");
        String link = lastTo(ALICE, 1);
        assertTrue(link.contains("https://t.me/" + FakeBotApi.BOT_USERNAME + "?start=ref_"), link);
        String payload = link.substring(link.indexOf("start=") + 6).strip();
        shop.webhook(Updates.privateText(Updates.nextId(), 222, "Bob", "/start " + payload));
        String hello = api.awaitSent("222", 2).get(0).text();
        assertTrue(hello.contains("小红"), hello);
        shop.webhook(Updates.privateText(Updates.nextId(), 222, "Bob", "/start " + payload));
        shop.webhook(Updates.privateText(Updates.nextId(), ALICE, "小红", "/start " + payload));
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer WHERE referrer_id IS NOT NULL"));
        assertEquals(0, shop.queryLong("SELECT count(*) FROM customer WHERE referrer_id = id"));
    }

    @Test
    void me_showsTheCard_withTierPointsBenefitsAndReason() {
        say("/start");
        say("/me");
        String card = lastTo(ALICE, 2);
        assertTrue(card.contains("会员卡") && card.contains("积分") && card.contains("会员权益") && card.contains("评级原因"), card);
    }

    @Test
    void aButtonPress_isAnswered_andRunsItsCommand() {
        say("/start");
        api.awaitSent("111", 1);
        shop.webhook(Updates.buttonPress(Updates.nextId(), ALICE, "小红", "c|/me", 101));
        String card = lastTo(ALICE, 2);
        assertTrue(card.contains("会员卡"), card);
        assertEquals(1, api.calls("answerCallbackQuery").size());
        shop.webhook(Updates.buttonPress(Updates.nextId(), ALICE, "小红", "d|ask|yes", 101));
        api.await(calls -> api.calls("answerCallbackQuery").size() == 2, "the stale button answered");
        assertTrue(api.calls("answerCallbackQuery").get(1).body().path("text").asText().contains("失效"));
    }

    @Test
    void birthdayDialogue_keepsItsStateOnAWrongAnswer_andSavesTheRightOne() {
        say("/birthday");
        assertTrue(lastTo(ALICE, 1).contains("生日"));
        say("明天吧");
        assertTrue(lastTo(ALICE, 2).contains("明天吧"), "the wrong answer is quoted back");
        say("5月20日");
        assertTrue(lastTo(ALICE, 3).contains("05-20"));
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer WHERE birth_month_day = '05-20'"));
        assertEquals(0, shop.count("dialogue_state"));
    }

    @Test
    void aDialogue_timesOut_andCancelLeavesIt() {
        say("/birthday");
        api.awaitSent("111", 1);
        shop.clock.advance(Duration.ofMinutes(31));
        say("5月20日");
        assertTrue(lastTo(ALICE, 2).contains("超时"));
        say("生日");
        api.awaitSent("111", 3);
        say("/cancel");
        assertTrue(lastTo(ALICE, 4).contains("取消"));
        shop.awaitInboxDone();
        assertEquals(0, shop.queryLong("SELECT count(*) FROM customer WHERE birth_month_day IS NOT NULL"));
    }

    @Test
    void stop_optsOutAtOnce_andStartAsksBeforeOptingBackIn() {
        say("/start");
        say("退订");
        assertTrue(lastTo(ALICE, 2).contains("退订"));
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer WHERE opted_out = 1"));
        say("/start");
        var ask = api.awaitSent("111", 3).get(2);
        assertTrue(ask.text().contains("重新接收"), ask.text());
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer WHERE opted_out = 1"), "not before the customer says yes");
        shop.webhook(Updates.buttonPress(Updates.nextId(), ALICE, "小红",
                ask.body().at("/reply_markup/inline_keyboard/0/0/callback_data").asText(), 103));
        assertTrue(lastTo(ALICE, 4).contains("重新为您订阅"));
        shop.awaitInboxDone();
        assertEquals(0, shop.queryLong("SELECT count(*) FROM customer WHERE opted_out = 1"));
    }

    @Test
    void unknownTextAndCommands_getAFriendlyPointer() {
        say("你好");
        assertTrue(lastTo(ALICE, 1).contains("/help"));
        say("/fly");
        assertTrue(lastTo(ALICE, 2).contains("/fly"));
        say("/help");
        assertTrue(lastTo(ALICE, 3).contains("/birthday"));
        assertFalse(api.sentTo("111").get(2).text().contains("/sale"), "customers do not see staff commands");
    }

    @Test
    void hostileText_isStoredAndEchoedAsPlainText() {
        String hostile = "<script>alert(1)</script>'); DROP TABLE customer;--\u0007" + "长".repeat(5000);
        say("/start");
        say("/birthday");
        say(hostile);
        String echoed = lastTo(ALICE, 3);
        assertTrue(echoed.contains("<script>alert(1)</script>'); DROP TABLE customer;--"), echoed);
        assertFalse(echoed.contains("\u0007"));
        assertTrue(echoed.length() <= 4096);
        assertEquals(1, shop.count("customer"));
        assertTrue(api.calls("sendMessage").stream().noneMatch(call -> call.body().has("parse_mode")), "never parsed as HTML");
    }
}
