package app.liuke.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.support.FakeBotApi;
import app.liuke.support.ServiceProcess;
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
 * The outbox's promise under a real crash: the packaged jar sends a broadcast to 600 customers through
 * the fake Bot API, which {@code kill -9}s it on the 250th message before that message arrives. A
 * second start takes over the dead dispatcher's leases once they lapse and finishes the campaign:
 * every recipient ends with exactly one message, and nothing is left pending.
 */
class CampaignCrashIT {
    private static final int CUSTOMERS = 600;
    private static final int KILLED_AT = 250;
    private static final String SENT = "SELECT count(*) FROM outbox WHERE campaign = 'broadcast' AND status = 'sent'";

    @TempDir
    Path folder;

    @Test
    void killedInTheMiddleOfABroadcast_afterRestartEveryRecipientHasExactlyOneMessage() throws Exception {
        Path jar = Path.of("target/liuke.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "run mvn package first");
        try (var api = new FakeBotApi()) {
            Path config = ServiceProcess.writeConfig(folder, api.url(), """
                    contact:
                      quietHours: {from: "00:00", to: "00:00"}
                      caps: {C: {messages: 1, days: 15}}   # start-up classifies these purchase-less customers as C
                    dispatch:
                      perSecond: 200
                      leaseSeconds: 2
                    """);
            seed(config);
            var first = ServiceProcess.startJar(jar, folder);
            var killed = new CountDownLatch(1);
            api.onSendMessage(KILLED_AT, first.killer(killed));
            var response = broadcast(first.port());
            assertEquals(201, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"queued\":" + CUSTOMERS), response.body());
            assertTrue(killed.await(60, TimeUnit.SECONDS), "the fake Bot API never saw message " + KILLED_AT);

            assertEquals(KILLED_AT - 1, first.count(SENT), "every message Telegram accepted before the crash is marked sent");
            assertEquals(KILLED_AT - 1, api.calls("sendMessage").size());
            assertTrue(first.count("SELECT count(*) FROM outbox WHERE status = 'pending' AND lease_owner IS NOT NULL") > 0,
                    "the dead dispatcher left leased rows behind");

            try (var second = ServiceProcess.startJar(jar, folder)) {
                second.awaitCount(SENT, CUSTOMERS, Duration.ofSeconds(60));
                assertEquals(0, second.count("SELECT count(*) FROM outbox WHERE status IN ('pending', 'failed')"));
            }
            Map<String, Long> perChat = api.calls("sendMessage").stream()
                    .collect(Collectors.groupingBy(FakeBotApi.Call::chatId, Collectors.counting()));
            assertEquals(CUSTOMERS, perChat.size(), "every recipient got a message");
            for (int i = 1; i <= CUSTOMERS; i++) {
                assertEquals(1L, perChat.get(String.valueOf(chat(i))), "messages to customer " + i);
            }
        }
    }

    private static void seed(Path config) {
        try (var liuke = Liuke.open(ConfigLoader.load(config, Map.of()), Clock.systemUTC())) {
            long now = liuke.clock().instant().getEpochSecond();
            liuke.database().useTransaction(handle -> {
                for (int i = 1; i <= CUSTOMERS; i++) {
                    handle.update("""
                            INSERT INTO customer (id, name, tier, stage, created_at, updated_at)
                            VALUES (:id, :name, 'A', 'repeat', :now, :now)""", "id", i, "name", "顾客" + i, "now", now);
                    handle.update("""
                            INSERT INTO channel_identity (channel, external_id, customer_id, created_at)
                            VALUES ('telegram', :chat, :id, :now)""", "chat", String.valueOf(chat(i)), "id", i, "now", now);
                }
            });
        }
    }

    private static long chat(int customer) {
        return 7_000_000L + customer;
    }

    private static HttpResponse<String> broadcast(int port) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/campaigns/broadcast/run"))
                .header("Authorization", "Bearer " + ServiceProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"segment\":\"all\",\"text\":\"{name}，会员日快乐\"}"))
                .timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
