package app.liuke.channel.weixin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.FakeWechatApi;
import app.liuke.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The access token against the fake WeChat API: one fetch however many callers, renewed early, a wrong secret explained. */
class WeixinApiTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-15T02:00:00Z"));

    private WeixinApi api(FakeWechatApi fake, String secret) {
        return new WeixinApi("wechat", fake.url(), "/cgi-bin/token",
                Map.of("grant_type", "client_credential", "appid", FakeWechatApi.APP_ID, "secret", secret), clock, null);
    }

    @Test
    void sixteenCallersAtOnce_shareOneTokenFetch() throws Exception {
        try (var fake = new FakeWechatApi()) {
            var api = api(fake, FakeWechatApi.SECRET);
            var pool = Executors.newFixedThreadPool(16);
            var go = new CountDownLatch(1);
            var tokens = new ArrayList<Future<String>>();
            for (int i = 0; i < 16; i++) {
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
            clock.advance(Duration.ofSeconds(7200 - 301));
            assertEquals("TOKEN-1", api.token(), "kept until five minutes before it expires");
            clock.advance(Duration.ofSeconds(2));
            assertEquals("TOKEN-2", api.token());
        }
    }

    @Test
    void aWrongSecret_isAClearFailure_thatNamesNoSecret() {
        try (var fake = new FakeWechatApi()) {
            var api = api(fake, "not-the-secret");
            var failure = assertThrows(WeixinApi.Unreachable.class, api::token);
            assertTrue(failure.getMessage().contains("40125"), failure.getMessage());
            assertTrue(!failure.getMessage().contains("not-the-secret") && !api.toString().contains("not-the-secret"));
            assertTrue(api.status().contains("40125"), api.status());
        }
    }
}
