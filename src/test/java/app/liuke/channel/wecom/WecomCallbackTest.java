package app.liuke.channel.wecom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.channel.weixin.WeixinCrypto;
import app.liuke.support.FakeWecomApi;
import app.liuke.support.TestShop;
import app.liuke.support.WecomShopTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code /wecom/callback} as WeCom calls it: the encrypted URL check with the corpId inside, and the refusals. */
class WecomCallbackTest extends WecomShopTest {
    private String urlCheck(WeixinCrypto crypto, String plain) {
        String ts = String.valueOf(shop.clock.instant().getEpochSecond());
        String echo = crypto.encrypt(plain, new byte[16]);
        return "/wecom/callback?msg_signature=" + crypto.signature(ts, "5", echo) + "&timestamp=" + ts + "&nonce=5&echostr="
                + URLEncoder.encode(echo, StandardCharsets.UTF_8);
    }

    @Test
    void theUrlCheck_decryptsEchostr_andChecksTheCorpIdInside() {
        var ours = shop.get(urlCheck(wecom.crypto(), "1616140317555161061"));
        assertEquals(200, ours.status(), ours.body());
        assertEquals("1616140317555161061", ours.body());
        var otherCorp = new WeixinCrypto(TestShop.WECHAT_TOKEN, TestShop.WECHAT_AES_KEY, "wwSomeOtherCorp");
        assertEquals(403, shop.get(urlCheck(otherCorp, "1616140317555161061")).status());
        assertEquals(401, shop.get(urlCheck(wecom.crypto(), "x").replaceFirst("msg_signature=[0-9a-f]+", "msg_signature=00")).status());
    }

    @Test
    void aWrongSignature_anXxeBody_andAnotherCorpsMessage_areRefused_andARedeliveryIsStoredOnce() {
        String ts = String.valueOf(shop.clock.instant().getEpochSecond());
        String xml = wecom.appText(OWNER, "/todo");
        String encrypted = wecom.crypto().encrypt(xml, new byte[16]);
        String body = "<xml><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
        assertEquals(401, shop.postRaw("/wecom/callback?timestamp=" + ts + "&nonce=1&msg_signature=abc", body, "text/xml").status());
        String xxe = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>";
        var refused = shop.postRaw("/wecom/callback?timestamp=" + ts + "&nonce=1&msg_signature=abc", xxe, "text/xml");
        assertEquals(400, refused.status());
        assertFalse(refused.body().contains("root:"), refused.body());
        var other = new WeixinCrypto(TestShop.WECHAT_TOKEN, TestShop.WECHAT_AES_KEY, "wwSomeOtherCorp");
        String foreign = other.encrypt(xml, new byte[16]);
        assertEquals(403, shop.postRaw("/wecom/callback?timestamp=" + ts + "&nonce=1&msg_signature=" + other.signature(ts, "1", foreign),
                "<xml><Encrypt><![CDATA[" + foreign + "]]></Encrypt></xml>", "text/xml").status());
        assertEquals(0, shop.queryLong("SELECT count(*) FROM inbox"));

        String event = wecom.contact("add_external_contact", OWNER, "wmCustomer0001", "<State>store_a</State>");
        for (int i = 0; i < 3; i++) {
            post(event);
            post(xml);
        }
        shop.awaitInboxDone();
        assertEquals(2, shop.queryLong("SELECT count(*) FROM inbox WHERE channel = 'wecom'"));
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer"));
        assertTrue(shop.get("/health").body().contains("\"wecom\":{\"status\":\"up\"}"), shop.get("/health").body());
        assertTrue(shop.get("/metrics").body().contains("liuke_wecom_callbacks_total{result=\"repeat\"}"));
        assertEquals(1, api.tokensIssued());
    }
}
