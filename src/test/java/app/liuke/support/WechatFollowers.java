package app.liuke.support;

import app.liuke.channel.weixin.WeixinCrypto;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays WeChat's side of {@code POST /wechat/callback}: builds the XML WeChat sends for a text, a menu
 * choice or an event, and posts it signed (and, in safe mode, encrypted) with the shop clock's time.
 */
public final class WechatFollowers {
    private static final AtomicLong MSG_IDS = new AtomicLong(6_054_768_590_064_700_000L);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final TestShop shop;
    private final WeixinCrypto crypto;

    public WechatFollowers(TestShop shop, String aesKey) {
        this.shop = shop;
        this.crypto = new WeixinCrypto(TestShop.WECHAT_TOKEN, aesKey, FakeWechatApi.APP_ID);
    }

    public static long nextMsgId() {
        return MSG_IDS.incrementAndGet();
    }

    public String text(String openid, String content) {
        return text(openid, nextMsgId(), content);
    }

    public String text(String openid, long msgId, String content) {
        return "<xml><ToUserName><![CDATA[gh_liuke]]></ToUserName><FromUserName><![CDATA[" + openid + "]]></FromUserName>"
                + "<CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
                + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    /** A tap on a msgmenu option: WeChat sends the option's text with its id in bizmsgmenuid. */
    public String menuChoice(String openid, String menuId, String content) {
        return "<xml><ToUserName><![CDATA[gh_liuke]]></ToUserName><FromUserName><![CDATA[" + openid + "]]></FromUserName>"
                + "<CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
                + "]]></Content><MsgId>" + nextMsgId() + "</MsgId><bizmsgmenuid>" + menuId + "</bizmsgmenuid></xml>";
    }

    public String event(String openid, String event, String key) {
        return "<xml><ToUserName><![CDATA[gh_liuke]]></ToUserName><FromUserName><![CDATA[" + openid + "]]></FromUserName>"
                + "<CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event
                + "]]></Event>" + (key == null ? "" : "<EventKey><![CDATA[" + key + "]]></EventKey>") + "</xml>";
    }

    /** Posts {@code xml} as WeChat would now. */
    public TestShop.Response post(String xml) {
        return post(xml, now());
    }

    /** Posts {@code xml} signed with {@code timestamp}. */
    public TestShop.Response post(String xml, long timestamp) {
        return postSigned(shop, "/wechat/callback", crypto, xml, timestamp);
    }

    /** Posts {@code xml} to {@code path} as WeChat or WeCom would: signed and, with a key, encrypted (msg_signature). */
    static TestShop.Response postSigned(TestShop shop, String path, WeixinCrypto crypto, String xml, long timestamp) {
        String nonce = String.valueOf(RANDOM.nextInt(1_000_000_000));
        String ts = String.valueOf(timestamp);
        String query = "?timestamp=" + ts + "&nonce=" + nonce + "&signature=" + crypto.signature(ts, nonce) + "&openid=x";
        String body = xml;
        if (crypto.encrypting()) {
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            String encrypted = crypto.encrypt(xml, random);
            body = "<xml><ToUserName><![CDATA[gh_liuke]]></ToUserName><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
            query += "&encrypt_type=aes&msg_signature=" + URLEncoder.encode(crypto.signature(ts, nonce, encrypted), StandardCharsets.UTF_8);
        }
        return shop.postRaw(path + query, body, "text/xml");
    }

    public long now() {
        return shop.clock.instant().getEpochSecond();
    }
}
