package app.liuke.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.FakeWechatApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code liuke wechat menu} against the fake API, and what {@code check} says about WeChat's files and keys. */
class WechatCliTest {
    @TempDir
    Path folder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private Path config(FakeWechatApi api, String extra) throws Exception {
        return Files.writeString(folder.resolve("liuke.yaml"), "store:\n  path: " + folder.resolve("shop.db") + "\n"
                + "botScripts: " + folder.resolve("bot-scripts") + "\n"
                + "wechat:\n  enabled: true\n  appId: " + FakeWechatApi.APP_ID + "\n  secret: " + FakeWechatApi.SECRET
                + "\n  token: abc123\n  apiUrl: " + api.url() + "\n" + extra);
    }

    @Test
    void wechatMenu_createsTheShippedMenu_withCommandsAsClickKeys() throws Exception {
        try (var api = new FakeWechatApi()) {
            assertEquals(0, Cli.run("wechat", "menu", "--config", config(api, "").toString()), err.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("会员卡 · 我的优惠 · 更多"), out.toString(StandardCharsets.UTF_8));
            var menu = api.calls("menu/create").get(0).body();
            assertEquals("/me", menu.path("button").get(0).path("key").asText());
            assertEquals("click", menu.path("button").get(0).path("type").asText());
            assertEquals("退订", menu.path("button").get(2).path("sub_button").get(3).path("name").asText());
            assertEquals("/stop", menu.path("button").get(2).path("sub_button").get(3).path("key").asText());

            api.failNext("menu/create", 40164, 1);
            assertEquals(1, Cli.run("wechat", "menu", "--config", config(api, "").toString()));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("IP allow-list"), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aMenuBeyondWechatsLimits_isReportedWithItsLine_andNothingIsSent() throws Exception {
        try (var api = new FakeWechatApi()) {
            Files.createDirectories(folder.resolve("bot-scripts"));
            Files.writeString(folder.resolve("bot-scripts/wechat-menu.yaml"), "buttons:\n  - { name: 会员卡, command: /me }\n"
                    + "  - { name: 这个名字实在太长了, command: /offers }\n  - { name: 店, url: ftp://x }\n  - { name: 四, command: /help }\n");
            assertEquals(2, Cli.run("wechat", "menu", "--config", config(api, "").toString()));
            String errors = err.toString(StandardCharsets.UTF_8);
            assertTrue(errors.contains("wechat-menu.yaml:1: buttons: a list of 1 to 3 buttons"), errors);
            assertTrue(errors.contains("wechat-menu.yaml:3: buttons[1].name"), errors);
            assertTrue(errors.contains("wechat-menu.yaml:4: buttons[2].url"), errors);
            assertEquals(0, api.calls("menu/create").size());
        }
    }

    @Test
    void check_namesATemplateForAnUnknownCampaign_andAnAesKeyOfTheWrongLength() throws Exception {
        try (var api = new FakeWechatApi()) {
            Path config = config(api, "  aesKey: tooShort\n  templates:\n    birthdya:\n      id: T1\n      fields: {first: \"{text}\"}\n");
            assertEquals(1, Cli.run("check", "--config", config.toString()));
            String output = out.toString(StandardCharsets.UTF_8);
            assertTrue(output.contains("wechat.aesKey: must be the 43 letters"), output);
            assertTrue(output.contains("wechat.templates.birthdya: no campaign is called 'birthdya'"), output);
        }
    }

    @Test
    void wechatSecrets_neverShowInTheConfigsText() throws Exception {
        try (var api = new FakeWechatApi()) {
            var loaded = app.liuke.config.ConfigLoader.load(config(api, "  aesKey: " + "k".repeat(43) + "\n"), java.util.Map.of());
            String text = loaded.toString();
            assertTrue(!text.contains(FakeWechatApi.SECRET) && !text.contains("abc123") && !text.contains("kkkkkkkk"), text);
        }
    }
}
