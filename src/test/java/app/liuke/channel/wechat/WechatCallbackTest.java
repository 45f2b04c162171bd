package app.liuke.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.channel.weixin.WeixinCrypto;
import app.liuke.config.LiukeConfig;
import app.liuke.support.FakeWechatApi;
import app.liuke.support.TestShop;
import app.liuke.support.WechatFollowers;
import app.liuke.support.WechatShopTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /wechat/callback} as WeChat calls it: the URL check, real signed and encrypted XML, and every refusal. */
class WechatCallbackTest extends WechatShopTest {
    private static final String OPENID = "oWechatFollower0001";

    @Test
    void theUrlCheck_echoesEchostr_onlyWhenSignedWithOurToken() {
        var crypto = new WeixinCrypto(TestShop.WECHAT_TOKEN, "", FakeWechatApi.APP_ID);
        String ts = String.valueOf(wechat.now());
        var ok = shop.get("/wechat/callback?signature=" + crypto.signature(ts, "42") + "&timestamp=" + ts + "&nonce=42&echostr=8848");
        assertEquals(200, ok.status());
        assertEquals("8848", ok.body());
        var forged = shop.get("/wechat/callback?signature=0000&timestamp=" + ts + "&nonce=42&echostr=8848");
        assertEquals(401, forged.status());
        assertTrue(forged.body().contains("\"error\""), forged.body());
    }

    @Test
    void theShopsWechatAccount_answersSuccess_thenRepliesThroughTheCustomerServiceApi() {
        var response = wechat.post(wechat.text(OPENID, "/help"));
        assertEquals(200, response.status());
        assertEquals("success", response.body());
        var sent = api.awaitSent(OPENID, 1);
        assertEquals("message/custom/send", sent.get(0).method());
        assertFalse(sent.get(0).text().isBlank());
        assertEquals(1, api.tokensIssued());
    }

    @Test
    void aFollowAndAMessage_eachDeliveredSeveralTimes_areStoredAndAnsweredOnce() {
        String follow = wechat.event(OPENID, "subscribe", null);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, wechat.post(follow).status());
        }
        String xml = wechat.text(OPENID, WechatFollowers.nextMsgId(), "会员卡");
        for (int i = 0; i < 4; i++) {
            var response = wechat.post(xml);
            assertEquals(200, response.status());
            assertEquals("success", response.body());
        }
        shop.awaitInboxDone();
        assertEquals(2, shop.queryLong("SELECT count(*) FROM inbox WHERE channel = 'wechat'"));
        var sent = api.awaitSent(OPENID, 2);
        assertTrue(sent.get(0).text().contains("欢迎") && sent.get(1).text().contains("微信用户"), sent.toString());
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(2, shop.queryLong("SELECT count(*) FROM outbox WHERE channel = 'wechat' AND status = 'sent'"));
        assertEquals(2, api.sentTo(OPENID).size());
    }

    @Test
    void aWrongSignature_anOldTimestamp_andAnotherAccountsMessage_areRefusedAndNotStored() {
        String xml = wechat.text(OPENID, "/help");
        var other = new WeixinCrypto(TestShop.WECHAT_TOKEN, TestShop.WECHAT_AES_KEY, "wxSomeoneElsesAccount");
        String ts = String.valueOf(wechat.now());
        String encrypted = other.encrypt(xml, new byte[16]);
        String body = "<xml><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
        var foreign = shop.postRaw("/wechat/callback?timestamp=" + ts + "&nonce=7&encrypt_type=aes&msg_signature="
                + other.signature(ts, "7", encrypted), body, "text/xml");
        assertEquals(403, foreign.status());
        var forged = shop.postRaw("/wechat/callback?timestamp=" + ts + "&nonce=7&encrypt_type=aes&msg_signature=abc", body, "text/xml");
        assertEquals(401, forged.status());
        var replayed = wechat.post(xml, wechat.now() - 301);
        assertEquals(403, replayed.status());
        assertTrue(replayed.body().contains("5"), replayed.body());
        var unencrypted = shop.postRaw("/wechat/callback?timestamp=" + ts + "&nonce=7&msg_signature=abc", xml, "text/xml");
        assertEquals(400, unencrypted.status());
        assertEquals(0, shop.queryLong("SELECT count(*) FROM inbox"));
    }

    @Test
    void anXxeBody_readsNothing_andGetsAClearRefusal(@TempDir Path secrets) throws Exception {
        Path secret = secrets.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY s SYSTEM \"" + secret.toUri() + "\">]>"
                + "<xml><FromUserName>" + OPENID + "</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType>"
                + "<Content>&s;</Content><MsgId>77</MsgId></xml>";
        var response = wechat.post(xxe);
        assertEquals(400, response.status());
        assertFalse(response.body().contains("TOP-SECRET"), response.body());
        assertEquals(0, shop.queryLong("SELECT count(*) FROM inbox"));
        assertEquals(0, api.sentTo(OPENID).size());
    }

    @Test
    void wechatsPublishedSafeModeSample_goesThroughTheRealEndpoint(@TempDir Path other) {
        String appId = "wx2c2769f8efd9abc2";
        try (var sampleApi = new FakeWechatApi(appId);
             var sampleShop = TestShop.configured(other, config -> config.withWechat(new LiukeConfig.Wechat(true, appId,
                     FakeWechatApi.SECRET, "spamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", sampleApi.url(), Map.of())))) {
            sampleShop.startWeb();
            sampleShop.clock.set(Instant.ofEpochSecond(1409735669));
            String body = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA["
                    + "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE="
                    + "]]></Encrypt></xml>";
            var response = sampleShop.postRaw("/wechat/callback?signature=x&timestamp=1409735669&nonce=1320562132&openid=o"
                    + "&encrypt_type=aes&msg_signature=" + URLEncoder.encode("5d197aaffba7e9b25a30732f161a50dee96bd5fa",
                    StandardCharsets.UTF_8), body, "text/xml");
            assertEquals(200, response.status(), response.body());
            assertEquals("success", response.body());
            var welcome = sampleApi.awaitSent("oyORnuP8q7ou2gfYjqLzSIWZf0rs", 1).get(0);
            assertTrue(welcome.text().contains("欢迎"), welcome.toString());
            sampleShop.awaitInboxDone();
            sampleShop.liuke.channels().dispatcher().runOnce();
            assertEquals(1, sampleApi.sentTo("oyORnuP8q7ou2gfYjqLzSIWZf0rs").size(), "the welcome once, not twice");
            assertEquals(1, sampleShop.queryLong("SELECT count(*) FROM inbox WHERE update_id = 6054768590064713728"));
        }
    }

    @Test
    void inPlainMode_theSignatureAloneSignsTheRequest(@TempDir Path other) {
        try (var plainShop = TestShop.withWechat(other, api.url(), "", Map.of()).startWeb()) {
            var plain = new WechatFollowers(plainShop, "");
            var response = plain.post(plain.text("oPlainModeFollower01", "/help"));
            assertEquals(200, response.status(), response.body());
            api.awaitSent("oPlainModeFollower01", 1);
            String ts = String.valueOf(plain.now());
            var forged = plainShop.postRaw("/wechat/callback?timestamp=" + ts + "&nonce=1&signature=bad",
                    plain.text("oPlainModeFollower01", "/help"), "text/xml");
            assertEquals(401, forged.status());
        }
    }

    @Test
    void healthShowsWechat_andMetricsCountItsCallbacks() {
        wechat.post(wechat.text(OPENID, "/help"));
        api.awaitSent(OPENID, 1);
        assertTrue(shop.get("/health").body().contains("\"wechat\":{\"status\":\"up\"}"), shop.get("/health").body());
        String metrics = shop.get("/metrics").body();
        assertTrue(metrics.contains("liuke_wechat_callbacks_total{result=\"stored\"}"), metrics);
        assertTrue(metrics.contains("liuke_weixin_api_calls_total{channel=\"wechat\",method=\"/cgi-bin/message/custom/send\",result=\"ok\"}"));
        assertFalse(metrics.contains("TOKEN-"));
    }
}
