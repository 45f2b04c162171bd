package app.liuke.bench;

import app.liuke.channel.weixin.WeixinCrypto;
import app.liuke.support.FakeBotApi;
import app.liuke.support.FakeWechatApi;
import app.liuke.support.ServiceProcess;
import app.liuke.support.TestShop;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WeChat callback ingest, beside the Telegram webhook and a bare Javalin handler in the same run. The
 * service runs in its own JVM with both channels on (WeChat in safe mode, so every callback is
 * checked, decrypted and parsed); this JVM plays WeChat and Telegram: 32 kept-alive connections post
 * signed and encrypted XML (made before each round, with the current time) and Telegram updates, and
 * the fake APIs take the replies. Each round prints callbacks/s and p50/p99 acknowledgement for the
 * three; then it checks nothing was lost or doubled. Sizes: -Dingest.updates (60000), -Dingest.chats
 * (5000), -Dingest.rounds (3), -Dingest.clients (32).
 */
public final class WechatIngestBench {
    private static final int UPDATES = Integer.getInteger("ingest.updates", 60_000);
    private static final int CLIENTS = Integer.getInteger("ingest.clients", 32);
    private static final int FOLLOWERS = Integer.getInteger("ingest.chats", 5_000);
    private static final int ROUNDS = Integer.getInteger("ingest.rounds", 3);
    private static final int REPEAT_EVERY = 50;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger MSG_IDS = new AtomicInteger();

    private WechatIngestBench() {
    }

    /** One callback as WeChat posts it: the signed query and the encrypted body. */
    record Callback(String pathAndQuery, byte[] body, long msgId) {
    }

    public static void main(String[] args) throws Exception {
        Javalin bare = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/wechat/callback", ctx -> ctx.status(200).result("success"));
            config.routes.post("/telegram/webhook", ctx -> ctx.status(200).result(""));
        }).start("127.0.0.1", 0);
        Path folder = Files.createTempDirectory("liuke-wechat-ingest");
        var crypto = new WeixinCrypto(TestShop.WECHAT_TOKEN, TestShop.WECHAT_AES_KEY, FakeWechatApi.APP_ID);
        var distinct = new java.util.HashSet<Long>();
        try (var telegram = new FakeBotApi(); var wechat = new FakeWechatApi();
             var service = ServiceProcess.start(folder, telegram.url(), """
                     wechat:
                       enabled: true
                       appId: %s
                       secret: %s
                       token: %s
                       aesKey: %s
                       apiUrl: %s
                     """.formatted(FakeWechatApi.APP_ID, FakeWechatApi.SECRET, TestShop.WECHAT_TOKEN, TestShop.WECHAT_AES_KEY,
                     wechat.url()))) {
            var warmUp = callbacks(crypto, 10_000);
            warmUp.forEach(callback -> distinct.add(callback.msgId()));
            load("warm-up (bare)", bare.port(), warmUp);
            load("warm-up (Liuke WeChat)", service.port(), warmUp);
            IngestBench.load("warm-up (Liuke Telegram)", service.port(), IngestBench.updates(10_000), true);
            service.awaitNothingPending(Duration.ofMinutes(5));
            System.out.printf("%n%-6s %-34s %10s %10s %10s %10s%n", "round", "callback ingest", "posts", "per second", "p50 ms", "p99 ms");
            for (int round = 1; round <= ROUNDS; round++) {
                List<Callback> bodies = callbacks(crypto, UPDATES);
                bodies.forEach(callback -> distinct.add(callback.msgId()));
                load("bare Javalin handler, 200 only", bare.port(), bodies).print(round);
                IngestBench.load("Liuke POST /telegram/webhook", service.port(), IngestBench.updates(UPDATES), true).print(round);
                long started = System.nanoTime();
                var ours = load("Liuke POST /wechat/callback (aes)", service.port(), bodies);
                ours.print(round);
                long backlog = service.count("SELECT count(*) FROM inbox WHERE channel = 'wechat' AND status = 'pending'");
                service.awaitNothingPending(Duration.ofMinutes(10));
                System.out.printf("       %d callbacks still queued at the last ack, all processed %.1f s after the first post%n", backlog,
                        (System.nanoTime() - started) / 1e9);
            }
            long stored = service.count("SELECT count(*) FROM inbox WHERE channel = 'wechat'");
            long failed = service.count("SELECT count(*) FROM inbox WHERE channel = 'wechat' AND status = 'failed'");
            System.out.printf("WeChat: %d distinct messages posted (every %dth posted twice): inbox rows %d, failed %d; replies sent %d%n",
                    distinct.size(), REPEAT_EVERY, stored, failed, wechat.calls("message/custom/send").size());
            if (stored != distinct.size()) {
                throw new AssertionError("lost or doubled callbacks: " + stored + " stored for " + distinct.size() + " distinct");
            }
        } finally {
            bare.stop();
        }
    }

    private static List<Callback> callbacks(WeixinCrypto crypto, int count) {
        String[] texts = {"会员卡", "/help", "你好，请问今天营业吗？", "/offers", "谢谢"};
        var callbacks = new ArrayList<Callback>(count);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        for (int i = 0; i < count; i++) {
            if (i > 0 && i % REPEAT_EVERY == 0) {
                callbacks.add(callbacks.get(i / 2));   // WeChat retries a callback it thinks was not answered
                continue;
            }
            long msgId = 7_000_000_000L + MSG_IDS.incrementAndGet();
            String xml = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBench" + (100_000 + i % FOLLOWERS)
                    + "]]></FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
                    + texts[i % texts.length] + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            String encrypted = crypto.encrypt(xml, random);
            String nonce = String.valueOf(RANDOM.nextInt(1_000_000_000));
            String query = "/wechat/callback?signature=" + crypto.signature(timestamp, nonce) + "&timestamp=" + timestamp + "&nonce="
                    + nonce + "&openid=oBench&encrypt_type=aes&msg_signature="
                    + URLEncoder.encode(crypto.signature(timestamp, nonce, encrypted), StandardCharsets.UTF_8);
            String body = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
            callbacks.add(new Callback(query, body.getBytes(StandardCharsets.UTF_8), msgId));
        }
        return callbacks;
    }

    private static IngestBench.Result load(String name, int port, List<Callback> callbacks) throws Exception {
        long[] nanos = new long[callbacks.size()];
        var next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, runnable -> {
            var thread = new Thread(runnable, "wechat-load");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        var futures = new ArrayList<Future<?>>();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(clients.submit(() -> {
                try (var poster = new RawPoster(port, "text/xml")) {
                    for (int i = next.getAndIncrement(); i < callbacks.size(); i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        int status = poster.post(callbacks.get(i).pathAndQuery(), callbacks.get(i).body());
                        nanos[i] = System.nanoTime() - t0;
                        if (status != 200) {
                            throw new IllegalStateException(name + ": status " + status);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        Arrays.sort(nanos);
        return new IngestBench.Result(name, callbacks.size(), seconds, nanos);
    }
}
