package app.liuke.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.support.FakeWechatApi;
import app.liuke.support.ServiceProcess;
import app.liuke.support.TestShop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's promise on WeChat under a real crash: the packaged jar sends a broadcast to 400
 * followers (half inside their reply window, as 客服消息; half outside it, as the template message)
 * and the fake WeChat API {@code kill -9}s it at the 120th 客服消息, before that message arrives. A
 * second start takes over the dead dispatcher's leases and finishes: every follower has exactly one
 * message, of the right kind, and nothing is left pending.
 */
class WechatCampaignCrashIT {
    private static final int FOLLOWERS = 400;
    private static final int KILLED_AT = 120;
    private static final String SENT = "SELECT count(*) FROM outbox WHERE campaign = 'broadcast' AND status = 'sent'";

    @TempDir
    Path folder;

    @Test
    void killedInTheMiddleOfAWechatBroadcast_afterRestartEveryFollowerHasExactlyOneMessage() throws Exception {
        Path jar = Path.of("target/liuke.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "run mvn package first");
        try (var api = new FakeWechatApi()) {
            Path config = Files.writeString(folder.resolve("liuke.yaml"), """
                    server:
                      port: 0
                      adminToken: %s
                    store:
                      path: %s
                    botScripts: %s
                    wechat:
                      enabled: true
                      appId: %s
                      secret: %s
                      token: %s
                      apiUrl: %s
                      templates:
                        broadcast:
                          id: TPL-NEWS
                          fields: {first: "{text}", keyword1: "{name}"}
                    contact:
                      quietHours: {from: "00:00", to: "00:00"}
                      caps: {C: {messages: 1, days: 15}}   # start-up classifies these purchase-less customers as C
                    dispatch:
                      perSecond: 200
                      leaseSeconds: 2
                    """.formatted(ServiceProcess.ADMIN_TOKEN, folder.resolve("liuke.db"), folder.resolve("bot-scripts"),
                    FakeWechatApi.APP_ID, FakeWechatApi.SECRET, TestShop.WECHAT_TOKEN, api.url()));
            seed(config);
            var first = ServiceProcess.startJar(jar, folder);
            var killed = new CountDownLatch(1);
            api.onCustomSend(KILLED_AT, first.killer(killed));
            var response = broadcast(first.port());
            assertEquals(201, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"queued\":" + FOLLOWERS), response.body());
            assertTrue(killed.await(60, TimeUnit.SECONDS), "the fake WeChat API never saw 客服消息 " + KILLED_AT);
            assertEquals(KILLED_AT - 1, api.calls("message/custom/send").size());
            assertTrue(first.count(SENT) < FOLLOWERS);

            try (var second = ServiceProcess.startJar(jar, folder)) {
                second.awaitCount(SENT, FOLLOWERS, Duration.ofSeconds(60));
                assertEquals(0, second.count("SELECT count(*) FROM outbox WHERE status IN ('pending', 'failed')"));
            }
            Map<String, java.util.List<FakeWechatApi.Call>> perFollower = api.calls("message/custom/send").stream()
                    .collect(Collectors.groupingBy(FakeWechatApi.Call::to));
            var templates = api.calls("message/template/send").stream().collect(Collectors.groupingBy(FakeWechatApi.Call::to));
            assertEquals(FOLLOWERS / 2, perFollower.size());
            assertEquals(FOLLOWERS / 2, templates.size());
            for (int i = 1; i <= FOLLOWERS; i++) {
                var got = (i % 2 == 0 ? perFollower : templates).get(openid(i));
                assertEquals(1, got == null ? 0 : got.size(), "messages to follower " + i);
            }
        }
    }

    private static void seed(Path config) {
        try (var liuke = Liuke.open(ConfigLoader.load(config, Map.of()), Clock.systemUTC())) {
            long now = liuke.clock().instant().getEpochSecond();
            liuke.database().useTransaction(handle -> {
                for (int i = 1; i <= FOLLOWERS; i++) {
                    handle.update("""
                            INSERT INTO customer (id, name, tier, stage, created_at, updated_at)
                            VALUES (:id, :name, 'A', 'repeat', :now, :now)""", "id", i, "name", "顾客" + i, "now", now);
                    handle.update("""
                            INSERT INTO channel_identity (channel, external_id, customer_id, created_at, window_until, window_left)
                            VALUES ('wechat', :openid, :id, :now, :until, :left)""", "openid", openid(i), "id", i, "now", now,
                            "until", i % 2 == 0 ? now + 86_400 : now - 60, "left", i % 2 == 0 ? 5 : 0);
                }
            });
        }
    }

    private static String openid(int follower) {
        return "oFollower" + (100_000 + follower);
    }

    /** Runs the broadcast to the followers on WeChat through the API of the service on {@code port}. */
    static HttpResponse<String> broadcast(int port) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/campaigns/broadcast/run"))
                .header("Authorization", "Bearer " + ServiceProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"segment\":\"channel:wechat\",\"text\":\"{name}，会员日快乐\"}"))
                .timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
