package app.liuke.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.config.LiukeConfig;
import app.liuke.support.TelegramShopTest;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook's guard, the outbox's handling of Telegram's refusals, and what survives a restart. */
class DeliveryAndDurabilityTest extends TelegramShopTest {
    static final long ALICE = 111;
    static final long GROUP = -4242;
    private void say(long user, String text) {
        assertEquals(200, shop.webhook(Updates.privateText(Updates.nextId(), user, "小红", text)).status());
    }

    @Test
    void theWebhook_refusesWrongSecretsAndMalformedBodies_andStoresNothing() {
        String update = Updates.privateText(Updates.nextId(), ALICE, "小红", "/start");
        assertEquals(401, shop.sendWithHeader("/telegram/webhook", update, "X-Telegram-Bot-Api-Secret-Token", "wrong").status());
        assertEquals(401, shop.sendWithHeader("/telegram/webhook", update, "X-Other", "x").status());
        var notJson = shop.webhook("{not json");
        assertEquals(400, notJson.status());
        assertTrue(notJson.json().path("detail").asText().contains("JSON"), notJson.body());
        assertEquals(400, shop.webhook("{\"message\":{}}").status());
        assertEquals(400, shop.webhook("{\"update_id\":\"abc\"}").status());
        assertEquals(400, shop.webhook("[1,2]").status());
        assertEquals(413, shop.postHeadersOnly("/telegram/webhook", 1_100_000, "X-Telegram-Bot-Api-Secret-Token",
                TestShop.WEBHOOK_SECRET));
        assertEquals(0, shop.count("inbox"));
    }

    @Test
    void anUnreadableUpdate_isMarkedFailed_andTheChatMovesOn() {
        shop.webhook("{\"update_id\":77,\"message\":{\"message_id\":\"x\",\"chat\":{\"id\":111,\"type\":\"private\"},\"date\":\"never\"}}");
        say(ALICE, "/start");
        api.awaitSent("111", 1);
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM inbox WHERE status = 'failed' AND update_id = 77"));
    }

    @Test
    void tooManyRequests_waitsForRetryAfter_andKeepsTheChatInOrder() {
        api.tooManyRequestsFor("111", 30);
        say(ALICE, "/start");
        say(ALICE, "/help");
        api.await(calls -> api.sentTo("111").size() == 1, "the refused first send");
        shop.awaitInboxDone();
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(1, api.sentTo("111").size(), "the second message waits behind the first");
        shop.clock.advance(Duration.ofSeconds(31));
        var sent = api.awaitSent("111", 3);
        assertTrue(sent.get(1).text().contains("小红"), "the welcome again, then help");
        assertTrue(sent.get(2).text().contains("/me"));
        awaitTrue(() -> shop.queryLong("SELECT count(*) FROM outbox WHERE status = 'pending'") == 0);
    }

    @Test
    void aBlockedBot_marksTheIdentityUnreachable() {
        say(ALICE, "/start");
        api.awaitSent("111", 1);
        api.blockedBy("222");
        say(222, "/start");
        api.await(calls -> api.sentTo("222").size() == 1, "the refused send");
        awaitTrue(() -> shop.queryLong("SELECT count(*) FROM channel_identity WHERE unreachable_at IS NOT NULL") == 1);
        shop.webhook(Updates.botBlocked(Updates.nextId(), ALICE, "小红"));
        shop.awaitInboxDone();
        assertEquals(2, shop.queryLong("SELECT count(*) FROM channel_identity WHERE unreachable_at IS NOT NULL"));
        say(ALICE, "/me");
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM channel_identity WHERE unreachable_at IS NOT NULL"),
                "writing again proves they are back");
    }

    @Test
    void aGroupThatBecomesASupergroup_keepsItsRegistration_andMessagesFollowIt() {
        shop.webhook(Updates.groupText(Updates.nextId(), GROUP, TestShop.OWNER_ID, "Boss", "/group register"));
        api.awaitSent(String.valueOf(GROUP), 1);
        shop.webhook(Updates.migrated(Updates.nextId(), GROUP, -100_4242));
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM chat_group WHERE chat_id = '-1004242'"));

        shop.webhook(Updates.groupText(Updates.nextId(), -100_4242, TestShop.OWNER_ID, "Boss", "/group register"));
        api.awaitSent("-1004242", 1);
        api.movedTo("-1004242", -100_9999);
        shop.webhook(Updates.groupText(Updates.nextId(), -100_4242, TestShop.OWNER_ID, "Boss", "/group register"));
        api.awaitSent("-1009999", 1);
        awaitTrue(() -> shop.queryLong("SELECT count(*) FROM chat_group WHERE chat_id = '-1009999'") == 1);
    }

    @Test
    void aLongText_isSplitIntoPartsTelegramAccepts_withButtonsUnderTheLast() {
        String text = ("第一行很长的话术。".repeat(100) + "\n").repeat(12);
        var chat = ChatRef.privateChat("telegram", "111");
        shop.liuke.database().useTransaction(handle -> shop.liuke.channels().outbox().enqueue(handle,
                new Outbound.SendText(chat, text, List.of(List.of(new Button("OK", "c|/me")))), "test:long", null, shop.clock.instant()));
        shop.liuke.channels().dispatcher().wake();
        var sent = api.awaitSent("111", 3);
        assertTrue(sent.stream().allMatch(call -> call.text().length() <= 4096));
        assertEquals(text.replace("\n", ""), String.join("", sent.stream().map(call -> call.text().replace("\n", "")).toList()));
        assertTrue(sent.get(2).body().has("reply_markup") && !sent.get(0).body().has("reply_markup"));
    }

    @Test
    void storedButUnprocessedUpdates_andOpenDialogues_surviveARestart() {
        say(ALICE, "/birthday");
        api.awaitSent("111", 1);
        shop.awaitInboxDone();
        shop.close();
        var restarted = TestShop.withTelegram(folder, api.url(), "webhook");
        restarted.liuke.database().useTransaction(handle -> new Inbox().insertIfNew(handle, new IncomingUpdate("telegram", 9_999_001,
                "telegram:111", Updates.privateText(9_999_001, ALICE, "小红", "1990-05-20")), restarted.clock.instant()));
        shop = restarted.startWeb();
        assertTrue(api.awaitSent("111", 2).get(1).text().contains("1990-05-20"));
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer WHERE birth_year = 1990 AND birth_month_day = '05-20'"));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static LiukeConfig.Telegram telegram(String mode, String apiUrl, String publicUrl) {
        return new LiukeConfig.Telegram(true, "123456:TEST-TOKEN", mode, TestShop.WEBHOOK_SECRET, publicUrl, apiUrl);
    }
}
