package app.liuke.support;

import app.liuke.channel.weixin.WeixinCrypto;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays WeCom's side of {@code POST /wecom/callback}: the XML WeCom sends for a staff member's app
 * message, an external-contact change or a customer-group change, posted encrypted and signed with the
 * shop clock's time.
 */
public final class WecomEvents {
    private static final AtomicLong MSG_IDS = new AtomicLong(7_200_000_000L);
    private final TestShop shop;
    private final WeixinCrypto crypto;

    public WecomEvents(TestShop shop) {
        this.shop = shop;
        this.crypto = new WeixinCrypto(TestShop.WECHAT_TOKEN, TestShop.WECHAT_AES_KEY, FakeWecomApi.CORP_ID);
    }

    public WeixinCrypto crypto() {
        return crypto;
    }

    private long now() {
        return shop.clock.instant().getEpochSecond();
    }

    /** A staff member's text in the app chat. */
    public String appText(String userId, String content) {
        return "<xml><ToUserName><![CDATA[" + FakeWecomApi.CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + userId
                + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
                + content + "]]></Content><MsgId>" + MSG_IDS.incrementAndGet() + "</MsgId><AgentID>1000002</AgentID></xml>";
    }

    /** change_external_contact: {@code change} is add_external_contact, del_follow_user …; extra is more XML elements. */
    public String contact(String change, String staffUserId, String externalUserId, String extra) {
        return "<xml><ToUserName><![CDATA[" + FakeWecomApi.CORP_ID + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]>"
                + "</Event><ChangeType><![CDATA[" + change + "]]></ChangeType><UserID><![CDATA[" + staffUserId + "]]></UserID>"
                + "<ExternalUserID><![CDATA[" + externalUserId + "]]></ExternalUserID>" + extra + "</xml>";
    }

    /** change_external_chat: create, update (with UpdateDetail) or dismiss. */
    public String group(String change, String chatId, String updateDetail) {
        return "<xml><ToUserName><![CDATA[" + FakeWecomApi.CORP_ID + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]>"
                + "</Event><ChatId><![CDATA[" + chatId + "]]></ChatId><ChangeType><![CDATA[" + change + "]]></ChangeType>"
                + (updateDetail == null ? "" : "<UpdateDetail><![CDATA[" + updateDetail + "]]></UpdateDetail><JoinScene>3</JoinScene>"
                + "<MemChangeCnt>1</MemChangeCnt>") + "</xml>";
    }

    public TestShop.Response post(String xml) {
        return WechatFollowers.postSigned(shop, "/wecom/callback", crypto, xml, now());
    }
}
