package app.liuke.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.config.LiukeConfig;
import app.liuke.support.WechatShopTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What WeChat answers and what Liuke does about it, against the fake API: the access token, the reply
 * window (客服消息) against template messages for campaigns, and each error code.
 */
class WechatDeliveryTest extends WechatShopTest {
    private static final String ANNA = "oAnnaFollower000001";
    private static final String BEN = "oBenFollower0000002";
    private static final String CUSTOM = "message/custom/send";

    @Override
    protected Map<String, LiukeConfig.WechatTemplate> templates() {
        return Map.of("broadcast", new LiukeConfig.WechatTemplate("TPL-NEWS", "https://shop.example/news",
                Map.of("first", "{text}", "keyword1", "{name}", "keyword2", "{date}")));
    }

    private void follow(String openid) {
        int before = api.sentTo(openid).size();
        say(openid, wechat.event(openid, "subscribe", null), before + 1);
    }

    /** B customers may get marketing (C only the must-do contacts). */
    private void everyoneTierB() {
        shop.liuke.database().useTransaction(h -> h.update("UPDATE customer SET tier = 'B'"));
    }

    private long outbox(String where) {
        return shop.queryLong("SELECT count(*) FROM outbox WHERE " + where);
    }

    private void awaitOutbox(long count, String where) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (outbox(where) != count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(count, outbox(where), where);
    }

    @Test
    void theTokenIsFetchedOnce_renewedBeforeItExpires_andRenewedOnceWhenWechatRefusesIt() {
        follow(ANNA);
        say(ANNA, wechat.text(ANNA, "会员卡"), 2);
        say(ANNA, wechat.text(ANNA, "/offers"), 3);
        assertEquals(1, api.tokensIssued(), "one token for every call");
        shop.clock.advance(Duration.ofSeconds(7200 - 240));
        say(ANNA, wechat.text(ANNA, "会员卡"), 4);
        assertEquals(2, api.tokensIssued(), "renewed within five minutes of its expiry");
        api.expireToken();
        say(ANNA, wechat.text(ANNA, "会员卡"), 5);
        assertEquals(3, api.tokensIssued(), "40001: one new token, and the message still went out");
    }

    @Test
    void insideTheWindow_aBroadcastIsAFreeMessage_outsideItsTemplate_andWithoutATemplateItIsSkippedAsNoWindow() {
        follow(ANNA);
        follow(BEN);
        say(ANNA, wechat.text(ANNA, "会员卡"), 2);                  // Anna wrote: 48 hours, 5 messages
        shop.clock.advance(Duration.ofMinutes(2));                   // Ben only followed: his minute is over
        everyoneTierB();
        var run = shop.liuke.campaigns().broadcasts().now("channel:wechat", "新品到店，欢迎来看看");
        assertEquals(2, run.queued(), run.toString());
        var toAnna = api.awaitSent(ANNA, 3).get(2);
        assertEquals(CUSTOM, toAnna.method());
        assertTrue(toAnna.text().contains("新品到店"), toAnna.text());
        var toBen = api.awaitSent(BEN, 2).get(1);
        assertEquals("message/template/send", toBen.method());
        assertEquals("TPL-NEWS", toBen.body().path("template_id").asText());
        assertTrue(toBen.body().path("data").path("first").path("value").asText().contains("新品到店"));
        assertEquals("微信用户 0002", toBen.body().path("data").path("keyword1").path("value").asText());
        assertEquals("2026-03-15", toBen.body().path("data").path("keyword2").path("value").asText());

        shop.clock.advance(Duration.ofDays(3));
        // A campaign without a template cannot reach a closed window: skipped, counted, never silently dropped.
        shop.liuke.database().useTransaction(h -> h.update("UPDATE customer SET stage = 'dormant'"));
        var report = shop.liuke.campaigns().run("reactivation", "test");
        assertEquals(2, report.skipped().getOrDefault("no-window", 0), report.toString());
        var figures = shop.get("/api/campaigns/reactivation").json();
        assertEquals(2, figures.path("skipped").path("no-window").asInt(), figures.toString());
    }

    @Test
    void wechatSayingTheWindowIsShut_sendsTheTemplate_orSkipsAReplyAsNoWindow() {
        follow(ANNA);
        say(ANNA, wechat.text(ANNA, "会员卡"), 2);
        everyoneTierB();
        api.failNext(CUSTOM, 45015, 1);
        shop.liuke.campaigns().broadcasts().now("channel:wechat", "周末特惠");
        var fallback = api.awaitSent(ANNA, 3).get(2);
        assertEquals("message/template/send", fallback.method(), "45015 on the free message: the template goes instead");

        follow(BEN);
        api.failNext(CUSTOM, 45047, 1);
        assertEquals(200, wechat.post(wechat.text(BEN, "/offers")).status());
        awaitOutbox(1, "chat_id = '" + BEN + "' AND status = 'skipped' AND reason = 'no-window'");
    }

    @Test
    void aFollowerWhoBlockedTheAccount_isUnreachable_andBusyOrOverQuotaBacksOff() {
        follow(ANNA);
        api.failNext(CUSTOM, 43004, 1);
        assertEquals(200, wechat.post(wechat.text(ANNA, "会员卡")).status());
        awaitOutbox(1, "chat_id = '" + ANNA + "' AND status = 'failed' AND error LIKE 'unreachable: 43004%'");
        assertEquals(1, shop.queryLong("SELECT count(*) FROM channel_identity WHERE external_id = :id AND unreachable_at IS NOT NULL",
                "id", ANNA));

        follow(BEN);
        api.failNext(CUSTOM, -1, 1);
        assertEquals(200, wechat.post(wechat.text(BEN, "会员卡")).status());
        awaitOutbox(1, "chat_id = '" + BEN + "' AND status = 'pending' AND reason = 'rate-limited'");
        shop.clock.advance(Duration.ofSeconds(6));
        assertTrue(api.awaitSent(BEN, 2).get(1).text().contains("微信用户 0002"), "sent once WeChat is no longer busy");
        // The fake API has the message before the dispatcher records it as sent: until then its row still
        // reads "waiting, rate-limited", and the next wait below would take it for the next message's.
        awaitOutbox(0, "chat_id = '" + BEN + "' AND status = 'pending'");

        api.failNext(CUSTOM, 45009, 1);
        assertEquals(200, wechat.post(wechat.text(BEN, "/offers")).status());
        awaitOutbox(1, "chat_id = '" + BEN + "' AND status = 'pending' AND reason = 'rate-limited'");
        shop.clock.advance(Duration.ofMinutes(11));
        api.awaitSent(BEN, 3);
    }
}
