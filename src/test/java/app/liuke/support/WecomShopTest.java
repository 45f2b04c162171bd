package app.liuke.support;

import app.liuke.config.LiukeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for tests of a shop on WeCom: a fake WeCom API and a shop with WeCom on against it (owner
 * {@link #OWNER} from {@code wecom.owners}, a robot for {@link #GROUP}, the dashboard at
 * {@link #DASHBOARD}), serving on a random port; both closed afterwards.
 */
public abstract class WecomShopTest {
    public static final String OWNER = "ZhangSan";
    public static final String GROUP = "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA";
    public static final String ROBOT_KEY = "robot-key-for-tests";
    public static final String DASHBOARD = "https://liuke.shop.example";
    @TempDir
    protected Path folder;
    protected FakeWecomApi api;
    protected TestShop shop;
    protected WecomEvents wecom;

    @BeforeEach
    void startWecomShop() {
        api = new FakeWecomApi();
        shop = TestShop.configured(folder, config -> adjust(config.withWecom(new LiukeConfig.Wecom(true, FakeWecomApi.CORP_ID, 1000002,
                FakeWecomApi.SECRET, TestShop.WECHAT_TOKEN, TestShop.WECHAT_AES_KEY, api.url(), List.of(OWNER), 4,
                Map.of(GROUP, ROBOT_KEY), DASHBOARD)))).startWeb();
        api.useClock(shop.clock);
        wecom = new WecomEvents(shop);
    }

    /** More config for one test class (default: none). */
    protected LiukeConfig adjust(LiukeConfig config) {
        return config;
    }

    @AfterEach
    void stopWecomShop() {
        shop.close();
        api.close();
    }

    /** Posts a callback and expects WeCom's {@code success}. */
    protected void post(String xml) {
        var response = wecom.post(xml);
        if (response.status() != 200 || !response.body().equals("success")) {
            throw new AssertionError("callback answered " + response.status() + " " + response.body());
        }
    }

    /** A staff member's app message, then the app messages they have had once {@code expected} arrived. */
    protected List<FakeWecomApi.Call> say(String userId, String text, int expected) {
        post(wecom.appText(userId, text));
        api.await(calls -> api.appMessagesTo(userId).size() >= expected, expected + " app message(s) to " + userId);
        return api.appMessagesTo(userId);
    }

    protected static String content(FakeWecomApi.Call call) {
        return call.body().has("textcard") ? call.body().path("textcard").path("title").asText() + "\n"
                + call.body().path("textcard").path("description").asText() : call.body().path("text").path("content").asText();
    }
}
