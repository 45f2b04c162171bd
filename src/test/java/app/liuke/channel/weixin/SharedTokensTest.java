package app.liuke.channel.weixin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.liuke.config.ConfigLoader;
import app.liuke.store.Database;
import app.liuke.support.FakeWechatApi;
import app.liuke.support.MutableClock;
import app.liuke.support.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one shop on one database, each with its own API client, against the fake WeChat,
 * which (like WeChat) retires the previous token whenever it hands out a new one. Sharing the token
 * through the database, they fetch one between them; each fetching its own, they would keep
 * retiring each other's and every call would first be refused.
 */
class SharedTokensTest {
    private static final Map<String, Object> MESSAGE = Map.of("touser", "o-1", "msgtype", "text", "text", Map.of("content", "您好"));
    @TempDir
    Path folder;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-15T02:00:00Z"));
    final FakeWechatApi fake = new FakeWechatApi();
    Database one;
    Database two;

    @BeforeEach
    void open() throws Exception {
        var config = TestStores.onTestEngine(ConfigLoader.load(Files.writeString(folder.resolve("liuke.yaml"),
                "store:\n  path: " + folder.resolve("liuke.db") + "\n"), Map.of()));
        one = Database.open(config.store());
        two = Database.open(config.store());
    }

    @AfterEach
    void close() {
        one.close();
        two.close();
        fake.close();
    }

    private WeixinApi api(Database database) {
        return new WeixinApi("wechat", fake.url(), "/cgi-bin/token",
                Map.of("grant_type", "client_credential", "appid", FakeWechatApi.APP_ID, "secret", FakeWechatApi.SECRET),
                clock, null, new SharedTokens(database));
    }

    private static void send(WeixinApi api) {
        assertTrue(api.post("/cgi-bin/message/custom/send", MESSAGE).ok());
    }

    @Test
    void twoInstances_fetchOneTokenBetweenThem() {
        WeixinApi first = api(one);
        WeixinApi second = api(two);
        send(first);
        send(second);
        send(first);
        assertEquals(1, fake.tokensIssued());
        assertEquals(3, fake.calls("message/custom/send").size());

        clock.advance(Duration.ofSeconds(7200 - 299));           // within five minutes of expiring: renewed once
        send(second);
        send(first);
        assertEquals(2, fake.tokensIssued());
        assertEquals("TOKEN-2", first.token());
    }

    @Test
    void aRefusedToken_isRenewedByOne_andTheOtherTakesTheNewOne() {
        WeixinApi first = api(one);
        WeixinApi second = api(two);
        send(first);
        send(second);
        fake.expireToken();

        send(first);                                              // refused, renewed, sent
        send(second);                                             // refused, takes the renewed one, sent
        assertEquals(2, fake.tokensIssued());
        assertEquals("TOKEN-2", second.token());
    }

    @Test
    void aRestart_reusesTheKeptToken_whichIsNeverLogged() {
        send(api(one));
        send(api(one));                                           // a new client, as after a restart
        assertEquals(1, fake.tokensIssued());
        assertFalse(new TokenStore.Stored("TOKEN-1", Instant.EPOCH).toString().contains("TOKEN-1"));
    }

    @Test
    void whileWechatIsSlowToGiveAToken_theInstanceGoesOnWriting() throws Exception {
        var fetching = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var slow = Executors.newSingleThreadExecutor().submit(() -> new SharedTokens(one).current("wechat", kept -> false, () -> {
            fetching.countDown();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TokenStore.Stored("SLOW-TOKEN", Instant.parse("2026-03-15T04:00:00Z"));
        }));
        assertTrue(fetching.await(10, java.util.concurrent.TimeUnit.SECONDS));
        var write = Executors.newSingleThreadExecutor().submit(() ->
                one.transaction(handle -> handle.update("UPDATE channel_token SET expires_at = 0 WHERE channel = 'none'")));
        try {
            write.get(10, java.util.concurrent.TimeUnit.SECONDS);     // a purchase, a chat's update: not held up by the fetch
        } finally {
            release.countDown();
        }
        assertEquals("SLOW-TOKEN", slow.get(10, java.util.concurrent.TimeUnit.SECONDS).token());
    }

    @Test
    void manyCallersOnBothInstancesAtOnce_fetchOnce() throws Exception {
        assumeTrue(TestStores.postgres(), "several instances share one database on PostgreSQL only");
        var apis = List.of(api(one), api(two));
        var pool = Executors.newFixedThreadPool(8);
        var go = new CountDownLatch(1);
        var tokens = new ArrayList<Future<String>>();
        for (int i = 0; i < 8; i++) {
            WeixinApi api = apis.get(i % 2);
            tokens.add(pool.submit(() -> {
                go.await();
                return api.token();
            }));
        }
        go.countDown();
        for (var token : tokens) {
            assertEquals("TOKEN-1", token.get());
        }
        pool.shutdown();
        assertEquals(1, fake.tokensIssued());
    }
}
