package app.liuke.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.support.FakeBotApi;
import app.liuke.support.MutableClock;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up against the Bot API: setWebhook with a public URL, or long polling into the same pipeline. */
class TelegramConnectionTest {
    @TempDir
    Path folder;

    private Liuke open(FakeBotApi api, String mode, String publicUrl) {
        var config = ConfigLoader.load(null, Map.of("LIUKE_PORT", "0", "LIUKE_DB", folder.resolve("l.db").toString()))
                .withTelegram(DeliveryAndDurabilityTest.telegram(mode, api.url(), publicUrl));
        return Liuke.open(config, new MutableClock(TestShop.START));
    }

    @Test
    void withAPublicUrl_startUpSetsTheWebhook_withSecretAndAllowedUpdates() {
        try (var api = new FakeBotApi(); var liuke = open(api, "webhook", "https://shop.example.com/")) {
            liuke.startWeb("127.0.0.1");
            var call = api.await(calls -> !api.calls("setWebhook").isEmpty(), "setWebhook").stream()
                    .filter(c -> c.method().equals("setwebhook")).findFirst().orElseThrow();
            assertEquals("https://shop.example.com/telegram/webhook", call.body().path("url").asText());
            assertEquals(TestShop.WEBHOOK_SECRET, call.body().path("secret_token").asText());
            assertTrue(call.body().path("allowed_updates").toString().contains("chat_member"));
            assertTrue(call.body().path("allowed_updates").toString().contains("callback_query"));
            assertEquals(40, call.body().path("max_connections").asInt());
        }
    }

    @Test
    void pollingMode_feedsTheSamePipeline() {
        try (var api = new FakeBotApi(); var liuke = open(api, "polling", "")) {
            liuke.startWeb("127.0.0.1");
            long id = Updates.nextId();
            api.queueUpdate(Updates.privateText(id, 555, "轮询", "/start"));
            assertTrue(api.awaitSent("555", 1).get(0).text().contains("轮询"));
            api.queueUpdate(Updates.privateText(id, 555, "轮询", "/start"));
            api.queueUpdate(Updates.privateText(Updates.nextId(), 555, "轮询", "/help"));
            api.awaitSent("555", 2);
            assertEquals(2, api.sentTo("555").size(), "the repeated update id had no effect");
            assertEquals(1, api.calls("deleteWebhook").size());
            assertEquals("polling", liuke.channels().telegramStatus());
        }
    }
}
