package app.liuke.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.config.LiukeConfig;
import app.liuke.support.FakeBotApi;
import app.liuke.support.FakeWechatApi;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import app.liuke.support.WechatFollowers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shop on Telegram and WeChat at once: a follower who binds their phone, or shares a unionid, is one customer. */
class OneCustomerAcrossChannelsTest {
    private static final long TOM = 601;
    private static final String TOM_ON_WECHAT = "oTomOnWechat0000001";
    @TempDir
    Path folder;
    private FakeBotApi telegram;
    private FakeWechatApi api;
    private TestShop shop;
    private WechatFollowers wechat;

    @BeforeEach
    void start() {
        telegram = new FakeBotApi();
        api = new FakeWechatApi();
        shop = TestShop.configured(folder, config -> config
                .withTelegram(new LiukeConfig.Telegram(true, "123456:TEST-TOKEN", "webhook", TestShop.WEBHOOK_SECRET, "", telegram.url()))
                .withWechat(new LiukeConfig.Wechat(true, FakeWechatApi.APP_ID, FakeWechatApi.SECRET, TestShop.WECHAT_TOKEN,
                        TestShop.WECHAT_AES_KEY, api.url(), Map.of()))).startWeb();
        wechat = new WechatFollowers(shop, TestShop.WECHAT_AES_KEY);
    }

    @AfterEach
    void stop() {
        shop.close();
        api.close();
        telegram.close();
    }

    private String onWechat(String text, int expected) {
        assertEquals(200, wechat.post(wechat.text(TOM_ON_WECHAT, text)).status());
        var sent = api.awaitSent(TOM_ON_WECHAT, expected);
        return sent.get(sent.size() - 1).text();
    }

    private long customerOf(String channel, String id) {
        return shop.queryLong("SELECT customer_id FROM channel_identity WHERE channel = :c AND external_id = :id", "c", channel, "id", id);
    }

    @Test
    void aFollowerWhoBindsTheirPhone_provesItWithTheCodeSentToTheirTelegram_andBecomesOneCustomer() {
        shop.webhook(Updates.privateText(Updates.nextId(), TOM, "Tom", "/start"));
        telegram.awaitSent(String.valueOf(TOM), 1);
        long tom = customerOf("telegram", String.valueOf(TOM));
        assertEquals(200, shop.patch("/api/customers/" + tom, "{\"phone\": \"13800138000\"}").status());
        assertEquals(200, wechat.post(wechat.event(TOM_ON_WECHAT, "subscribe", null)).status());
        api.awaitSent(TOM_ON_WECHAT, 1);
        long follower = customerOf("wechat", TOM_ON_WECHAT);
        assertTrue(follower != tom);

        String asked = onWechat("/bind 138 0013 8000", 2);
        assertTrue(asked.contains("验证码") && asked.contains("Telegram"), asked);
        String codeMessage = telegram.awaitSent(String.valueOf(TOM), 2).get(1).text();
        var code = Pattern.compile("(\\d{6})").matcher(codeMessage);
        assertTrue(code.find(), codeMessage);
        assertTrue(codeMessage.contains("+86138****8000"), codeMessage);
        assertTrue(onWechat("/bind 000000".equals("/bind " + code.group(1)) ? "/bind 111111" : "/bind 000000", 3).contains("4"));
        String merged = onWechat("/bind " + code.group(1), 4);
        assertTrue(merged.contains("绑定成功") && merged.contains("Tom"), merged);

        assertEquals(tom, customerOf("wechat", TOM_ON_WECHAT));
        assertEquals(0, shop.queryLong("SELECT count(*) FROM customer WHERE id = :id", "id", follower));
        var card = shop.get("/api/customers/" + tom).json().path("customer");
        assertEquals(2, card.path("identities").size(), card.toString());
        assertEquals(1, shop.get("/api/customers?segment=channel:wechat").json().path("total").asInt());
        String me = onWechat("/me", 5);
        assertTrue(me.contains("Tom"), me);
        shop.liuke.database().useTransaction(h -> new app.liuke.staff.StaffDirectory().addStaff(h, "Boss", app.liuke.staff.Role.OWNER,
                null, 7001L, shop.clock.instant()));
        shop.webhook(Updates.privateText(Updates.nextId(), 7001, "Boss", "/customer #" + tom));
        String staffCard = telegram.awaitSent("7001", 1).get(0).text();
        assertTrue(staffCard.contains("渠道：Telegram · 微信"), staffCard);
    }

    @Test
    void aPhoneNobodyHas_isSaved_andAPhoneOnFileWithNoChat_isLeftToTheStaff_andWrongCodesRunOut() {
        assertEquals(200, wechat.post(wechat.event(TOM_ON_WECHAT, "subscribe", null)).status());
        api.awaitSent(TOM_ON_WECHAT, 1);
        assertTrue(onWechat("/bind 13900139000", 2).contains("已登记手机号"));
        assertEquals("+8613900139000", shop.get("/api/customers/" + customerOf("wechat", TOM_ON_WECHAT)).json()
                .path("customer").path("phone").asText());
        assertEquals(201, shop.post("/api/customers", "{\"name\": \"Walk-in\", \"phone\": \"13700137000\"}").status());
        assertTrue(onWechat("/bind 13700137000", 3).contains("店员"));
        assertTrue(onWechat("/bind 123456", 4).contains("没有正在进行的绑定"));
        assertTrue(onWechat("/bind 12ab", 5).contains("12ab"), "a wrong number is named in the reply");
    }

    @Test
    void aFollowerWhoseUnionidIsKnownFromAnotherAccount_isThatCustomer() {
        assertEquals(201, shop.post("/api/customers", "{\"name\": \"Lin\", \"phone\": \"13600136000\"}").status());
        long lin = shop.queryLong("SELECT id FROM customer WHERE name = 'Lin'");
        shop.liuke.database().useTransaction(h -> h.update("""
                INSERT INTO channel_identity (channel, external_id, customer_id, created_at, union_id)
                VALUES ('wecom', 'wmLinExternal', :lin, 0, 'oUnionLin')""", "lin", lin));
        api.unionId(TOM_ON_WECHAT, "oUnionLin");
        assertEquals(200, wechat.post(wechat.event(TOM_ON_WECHAT, "subscribe", null)).status());
        api.awaitSent(TOM_ON_WECHAT, 1);
        shop.awaitInboxDone();
        assertEquals(lin, customerOf("wechat", TOM_ON_WECHAT));
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer"));
        assertEquals(List.of("wechat", "wecom"), shop.liuke.database().read(h -> h.query(
                "SELECT channel FROM channel_identity WHERE customer_id = :id ORDER BY channel", r -> r.getString(1), "id", lin)));
    }
}
