package app.liuke.support;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.config.LiukeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A real Liuke for a test: its own SQLite file in a temp folder, the real Javalin server on a free
 * port, and a clock the test moves. Built through the same composition root as production.
 */
public final class TestShop implements AutoCloseable {
    public static final String TOKEN = "test-admin-token";
    /** 2026-03-15 10:00 in Shanghai. */
    public static final Instant START = Instant.parse("2026-03-15T02:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    public final MutableClock clock = new MutableClock(START);
    public final Liuke liuke;
    public final Path folder;
    private int port = -1;

    public static final String WEBHOOK_SECRET = "hook-secret-for-tests";
    /** The Telegram user id that {@code staff.owners} names in {@link #withTelegram}. */
    public static final long OWNER_ID = 7001;

    private TestShop(Path folder, String token) {
        this(folder, token, java.util.function.UnaryOperator.identity());
    }

    private TestShop(Path folder, String token, java.util.function.UnaryOperator<LiukeConfig> adjust) {
        this.folder = folder;
        LiukeConfig config = ConfigLoader.load(null, Map.of("LIUKE_PORT", "0", "LIUKE_ADMIN_TOKEN", token,
                "LIUKE_DB", folder.resolve("liuke.db").toString(), "LIUKE_BOT_SCRIPTS", folder.resolve("bot-scripts").toString()));
        this.liuke = Liuke.open(TestStores.onTestEngine(adjust.apply(config)), clock);
    }

    /** A shop with Telegram on (the given mode) against a fake Bot API; {@link #OWNER_ID} is an owner. */
    public static TestShop withTelegram(Path folder, String apiUrl, String mode) {
        return new TestShop(folder, TOKEN, config -> config
                .withTelegram(new LiukeConfig.Telegram(true, "123456:TEST-TOKEN", mode, WEBHOOK_SECRET, "", apiUrl))
                .withStaff(new LiukeConfig.Staff(java.util.List.of(OWNER_ID))));
    }

    /** The callback token and EncodingAESKey of {@link #withWechat}'s Official Account. */
    public static final String WECHAT_TOKEN = "liukeTestToken";
    public static final String WECHAT_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    /**
     * A shop with WeChat on against a fake API ({@link FakeWechatApi}'s app id and secret), in safe
     * mode when {@code aesKey} is set; {@code templates} per campaign (may be empty).
     */
    public static TestShop withWechat(Path folder, String apiUrl, String aesKey,
                                      Map<String, LiukeConfig.WechatTemplate> templates) {
        return new TestShop(folder, TOKEN, config -> config
                .withWechat(new LiukeConfig.Wechat(true, FakeWechatApi.APP_ID, FakeWechatApi.SECRET, WECHAT_TOKEN, aesKey, apiUrl,
                        templates)));
    }

    /** Any config change on top of the defaults (tests of one setting). */
    public static TestShop configured(Path folder, java.util.function.UnaryOperator<LiukeConfig> adjust) {
        return new TestShop(folder, TOKEN, adjust);
    }

    /** Sends {@code body} as it is, with {@code contentType}, to {@code pathAndQuery}; no token. */
    public Response postRaw(String pathAndQuery, String body, String contentType) {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).header("Content-Type", contentType));
    }

    /** Posts an update to the webhook with the right secret. */
    public Response webhook(String updateJson) {
        return sendWithHeader("/telegram/webhook", updateJson, "X-Telegram-Bot-Api-Secret-Token", WEBHOOK_SECRET);
    }

    public Response sendWithHeader(String path, String body, String header, String value) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (value != null) {
            builder.header(header, value);
        }
        return exchange(builder);
    }

    /**
     * Sends only the headers of a POST that declares {@code declaredLength} bytes and returns the
     * status: the server must refuse an oversized body from its Content-Length alone. (Streaming a
     * real 1 MB body races the server's early 413 and close: the client then sees a reset.)
     */
    public int postHeadersOnly(String path, long declaredLength, String header, String value) {
        return postHeadersOnlyResponse(path, declaredLength, header, value).status();
    }

    /** {@link #postHeadersOnly}, with the answer's body (read up to its Content-Length). */
    public Response postHeadersOnlyResponse(String path, long declaredLength, String header, String value) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + header + ": " + value + "\r\nContent-Length: " + declaredLength + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            int status = Integer.parseInt(line(in).split(" ")[1]);
            int length = 0;
            String type = null;
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                } else if (lower.startsWith("content-type:")) {
                    type = line.substring(13).strip();
                }
            }
            byte[] body = new byte[length];
            in.readFully(body);
            return new Response(status, new String(body, StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String line(java.io.DataInputStream in) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new java.io.EOFException("the server closed the connection mid-answer");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public int port() {
        return port;
    }

    /** Polls (with a deadline) until the inbox has no pending update left. */
    public void awaitInboxDone() {
        awaitInboxDoneWithin(java.time.Duration.ofSeconds(10));
    }

    public void awaitInboxDoneWithin(java.time.Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (liuke.database().read(handle -> handle.queryLong("SELECT count(*) FROM inbox WHERE status = 'pending'")) == 0) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("inbox still has pending updates");
    }

    public long queryLong(String sql, Object... params) {
        return liuke.database().read(handle -> handle.queryLong(sql, params));
    }

    public static TestShop create(Path folder) {
        return new TestShop(folder, TOKEN);
    }

    public static TestShop withoutToken(Path folder) {
        return new TestShop(folder, "");
    }

    public TestShop startWeb() {
        port = liuke.startWeb("127.0.0.1").port();
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null, TOKEN);
    }

    public Response post(String path, String json) {
        return send("POST", path, json, TOKEN);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json, TOKEN);
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, json, TOKEN);
    }

    public Response send(String method, String path, String body, String token) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return exchange(builder);
    }

    private static Response exchange(HttpRequest.Builder builder) {
        try {
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long count(String table) {
        return liuke.database().read(handle -> handle.queryLong("SELECT count(*) FROM " + table));
    }

    public Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        liuke.close();
    }

    /** An HTTP answer; {@link #json()} parses the body. */
    public record Response(int status, String body, String contentType) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
