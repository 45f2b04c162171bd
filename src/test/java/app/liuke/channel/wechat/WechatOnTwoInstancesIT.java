package app.liuke.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.FakeBotApi;
import app.liuke.support.FakeWechatApi;
import app.liuke.support.PostgresServer;
import app.liuke.support.ServiceProcess;
import app.liuke.support.TestShop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WeChat broadcast on two {@code liuke serve} instances sharing one PostgreSQL database (issue #18):
 * the fake WeChat API {@code kill -9}s the leader at the 80th 客服消息, before that message arrives.
 * The other instance takes the lead and the dead one's leases and finishes: every follower has exactly
 * one message, nothing is left pending, and the second instance used the access token the first one
 * fetched (the fake, like WeChat, retires the previous token at each fetch).
 */
class WechatOnTwoInstancesIT {
    private static final int FOLLOWERS = 200;
    private static final int KILLED_AT = 80;
    private static final String SENT = "SELECT count(*) FROM outbox WHERE campaign = 'broadcast' AND status = 'sent'";

    @TempDir
    Path folder;

    @Test
    void theLeaderIsKilledDuringAWechatBroadcast_theOtherFinishesWithTheSameToken() throws Exception {
        try (var server = PostgresServer.start(); var telegram = new FakeBotApi(); var wechat = new FakeWechatApi()) {
            String url = server.createDatabase("wechat_crash");
            String extra = """
                    wechat:
                      enabled: true
                      appId: %s
                      secret: %s
                      token: %s
                      apiUrl: %s
                    contact:
                      quietHours: {from: "00:00", to: "00:00"}
                      caps: {A: {messages: 1, days: 15}}
                    dispatch:
                      perSecond: 100
                      leaseSeconds: 2
                    """.formatted(FakeWechatApi.APP_ID, FakeWechatApi.SECRET, TestShop.WECHAT_TOKEN, wechat.url());
            try (var a = start("a", telegram.url(), url, extra)) {
                seed(url);
                try (var b = start("b", telegram.url(), url, extra)) {
                    var leader = ServiceProcess.awaitLeader(a, b);
                    var other = leader == a ? b : a;
                    var killed = new CountDownLatch(1);
                    wechat.onCustomSend(KILLED_AT, leader.killer(killed));
                    var response = WechatCampaignCrashIT.broadcast(other.port());
                    assertEquals(201, response.statusCode(), response.body());
                    assertTrue(killed.await(60, TimeUnit.SECONDS), "the fake WeChat API never saw 客服消息 " + KILLED_AT);
                    other.awaitCount(SENT, FOLLOWERS, Duration.ofSeconds(90));
                    assertEquals(0, other.count("SELECT count(*) FROM outbox WHERE status IN ('pending', 'failed')"));
                }
            }
            Map<String, List<FakeWechatApi.Call>> perFollower = wechat.calls("message/custom/send").stream()
                    .collect(Collectors.groupingBy(FakeWechatApi.Call::to));
            assertEquals(FOLLOWERS, perFollower.size(), "every follower got a message");
            perFollower.forEach((openid, calls) -> assertEquals(1, calls.size(), "messages to " + openid));
            assertEquals(1, wechat.tokensIssued(), "both instances used the one access token");
        }
    }

    private ServiceProcess start(String name, String telegramApi, String url, String extra) throws Exception {
        return ServiceProcess.start(Files.createDirectories(folder.resolve(name)), telegramApi, url, extra);
    }

    /** Followers inside their reply window, so each gets a 客服消息. */
    private static void seed(String url) throws Exception {
        try (var connection = DriverManager.getConnection(url, PostgresServer.USER, "")) {
            long now = System.currentTimeMillis() / 1000;
            var customer = connection.prepareStatement("INSERT INTO customer (id, name, tier, stage, created_at, updated_at,"
                    + " tier_since, stage_since, tier_reason) VALUES (?, ?, 'A', 'repeat', ?, ?, ?, ?, 'points')");
            var identity = connection.prepareStatement("INSERT INTO channel_identity (channel, external_id, customer_id,"
                    + " created_at, window_until, window_left) VALUES ('wechat', ?, ?, ?, ?, 5)");
            for (int i = 1; i <= FOLLOWERS; i++) {
                customer.setLong(1, i);
                customer.setString(2, "顾客" + i);
                for (int c = 3; c <= 6; c++) {
                    customer.setLong(c, now);
                }
                customer.executeUpdate();
                identity.setString(1, "oFollower" + (100_000 + i));
                identity.setLong(2, i);
                identity.setLong(3, now);
                identity.setLong(4, now + 86_400);
                identity.executeUpdate();
            }
            connection.createStatement().execute("SELECT setval(pg_get_serial_sequence('customer', 'id'), " + FOLLOWERS + ")");
        }
    }
}
