package app.liuke.support;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for tests that talk to the shop over WeChat: before each test a fake WeChat API and a shop
 * with its Official Account in safe mode against it, serving on a random port; both closed afterwards.
 */
public abstract class WechatShopTest {
    @TempDir
    protected Path folder;
    protected FakeWechatApi api;
    protected TestShop shop;
    protected WechatFollowers wechat;

    @BeforeEach
    void startWechatShop() {
        api = new FakeWechatApi();
        shop = TestShop.withWechat(folder, api.url(), TestShop.WECHAT_AES_KEY, templates()).startWeb();
        wechat = new WechatFollowers(shop, TestShop.WECHAT_AES_KEY);
    }

    /** The template messages the shop configures per campaign; none unless a test says so. */
    protected Map<String, app.liuke.config.LiukeConfig.WechatTemplate> templates() {
        return Map.of();
    }

    @AfterEach
    void stopWechatShop() {
        shop.close();
        api.close();
    }

    /** Posts a follower's message and waits until WeChat was sent {@code expected} messages in all to them. */
    protected java.util.List<FakeWechatApi.Call> say(String openid, String xml, int expected) {
        var response = wechat.post(xml);
        if (response.status() != 200 || !response.body().equals("success")) {
            throw new AssertionError("callback answered " + response.status() + " " + response.body());
        }
        return api.awaitSent(openid, expected);
    }
}
