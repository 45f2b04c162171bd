package app.liuke.channel.weixin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the WeChat or WeCom server API with a cached access token. The token is fetched once, kept
 * until shortly before it expires (7,200 s), and refreshed by one caller at a time; a call answered
 * 40001/42001/40014 (token invalid or expired) refreshes it once and is tried again. With a
 * {@link TokenStore} the token is shared: an instance takes the one another instance fetched, and
 * fetches only when the kept one is due or was refused. Neither token
 * nor secret is ever logged (the token travels in the query, so addresses are never logged either).
 * Thread-safe.
 */
public final class WeixinApi {
    private static final Logger LOG = LoggerFactory.getLogger(WeixinApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** WeChat's and WeCom's codes for an access token that is invalid, expired or malformed. */
    private static final Set<Integer> TOKEN_CODES = Set.of(40001, 42001, 40014);
    private static final Duration EARLY = Duration.ofMinutes(5);
    private final String channel;
    private final String baseUrl;
    private final String tokenPath;
    private final Map<String, String> tokenQuery;
    private final Clock clock;
    private final HttpClient http;
    private final MeterRegistry metrics;
    private final TokenStore tokens;
    private final Object refreshing = new Object();
    private volatile String token;
    private volatile Instant expiresAt = Instant.MIN;
    /** The last token WeChat refused: the kept one is not taken again while it is this one. */
    private String refused;
    private volatile String status = "configured";

    /** An answer of the API: {@code errcode} 0 is success; {@code body} is the whole JSON. */
    public record Reply(int errcode, String errmsg, JsonNode body) {
        public boolean ok() {
            return errcode == 0;
        }
    }

    /** The API could not be reached or answered something that is not its JSON. */
    public static final class Unreachable extends RuntimeException {
        public Unreachable(String message) {
            super(message);
        }
    }

    /**
     * @param tokenPath  {@code /cgi-bin/token} (WeChat) or {@code /cgi-bin/gettoken} (WeCom)
     * @param tokenQuery its parameters, secrets included (kept here, never printed)
     */
    public WeixinApi(String channel, String baseUrl, String tokenPath, Map<String, String> tokenQuery, Clock clock,
                     MeterRegistry metrics) {
        this(channel, baseUrl, tokenPath, tokenQuery, clock, metrics, TokenStore.NONE);
    }

    /** The same, sharing the token through {@code tokens}. */
    public WeixinApi(String channel, String baseUrl, String tokenPath, Map<String, String> tokenQuery, Clock clock,
                     MeterRegistry metrics, TokenStore tokens) {
        this.tokens = tokens;
        this.channel = channel;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokenPath = tokenPath;
        this.tokenQuery = Map.copyOf(tokenQuery);
        this.clock = clock;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** POSTs {@code body} as JSON to {@code path} with the access token. */
    public Reply post(String path, Object body) {
        return withToken(path, body);
    }

    /** POSTs {@code body} to {@code pathAndQuery} without an access token (WeCom's group robots carry their key in the query). */
    public Reply postWithoutToken(String pathAndQuery, Object body) {
        String method = pathAndQuery.replaceFirst("\\?.*", "");
        Reply reply = exchange(method, URI.create(baseUrl + pathAndQuery), body);
        count(method, reply.ok() ? "ok" : String.valueOf(reply.errcode()));
        return reply;
    }

    /** GETs {@code path?query} with the access token. */
    public Reply get(String path, Map<String, String> query) {
        return withToken(path + "?" + query(query) + "&", null);
    }

    private Reply withToken(String pathAndQuery, Object body) {
        String used = token();
        Reply reply = call(pathAndQuery, used, body);
        if (TOKEN_CODES.contains(reply.errcode())) {
            LOG.info("{} says the access token is no longer valid ({}); fetching a new one", channel, reply.errcode());
            invalidate(used);
            reply = call(pathAndQuery, token(), body);
        }
        return reply;
    }

    private Reply call(String pathAndQuery, String accessToken, Object body) {
        String separator = pathAndQuery.contains("?") ? "" : "?";
        String method = pathAndQuery.replaceFirst("\\?.*", "");
        URI uri = URI.create(baseUrl + pathAndQuery + separator + "access_token=" + encode(accessToken));
        Reply reply = exchange(method, uri, body);
        count(method, reply.ok() ? "ok" : String.valueOf(reply.errcode()));
        status = reply.ok() || !TOKEN_CODES.contains(reply.errcode()) ? "up" : "token refused (" + reply.errcode() + ")";
        return reply;
    }

    /** The cached token, or the kept or a fresh one when it is missing or expires within five minutes. */
    public String token() {
        String current = token;
        if (current != null && clock.instant().isBefore(expiresAt.minus(EARLY))) {
            return current;
        }
        synchronized (refreshing) {
            if (token != null && clock.instant().isBefore(expiresAt.minus(EARLY))) {
                return token;
            }
            TokenStore.Stored stored = tokens.current(channel,
                    kept -> !kept.token().equals(refused) && clock.instant().isBefore(kept.expiresAt().minus(EARLY)), this::fetch);
            expiresAt = stored.expiresAt();
            token = stored.token();
            status = "up";
            return token;
        }
    }

    /** Asks WeChat (or WeCom) for a new access token. */
    private TokenStore.Stored fetch() {
        Reply reply = exchange(tokenPath, URI.create(baseUrl + tokenPath + "?" + query(tokenQuery)), null);
        count(tokenPath, reply.ok() && reply.body().hasNonNull("access_token") ? "ok" : String.valueOf(reply.errcode()));
        if (!reply.body().hasNonNull("access_token")) {
            status = "no access token (" + reply.errcode() + " " + reply.errmsg() + ")";
            throw new Unreachable(channel + " gave no access token: " + reply.errcode() + " " + reply.errmsg());
        }
        long seconds = reply.body().path("expires_in").asLong(7200);
        return new TokenStore.Stored(reply.body().get("access_token").asText(), clock.instant().plusSeconds(Math.max(60, seconds)));
    }

    /** Forgets {@code stale} (only that one: a token another caller already renewed is kept). */
    private void invalidate(String stale) {
        synchronized (refreshing) {
            if (stale != null && stale.equals(token)) {
                token = null;
                refused = stale;
            }
        }
    }

    private Reply exchange(String method, URI uri, Object body) {
        try {
            var builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
            if (body == null) {
                builder.GET();
            } else {
                String json = body instanceof String text ? text : JSON.writeValueAsString(body);
                builder.header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            }
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new Unreachable(channel + " answered HTTP " + response.statusCode() + " to " + method);
            }
            JsonNode json = JSON.readTree(response.body());
            if (json == null || !json.isObject()) {
                throw new Unreachable(channel + " answered something that is not JSON to " + method);
            }
            return new Reply(json.path("errcode").asInt(0), json.path("errmsg").asText(""), json);
        } catch (IOException e) {
            count(method, "unreachable");
            status = "unreachable";
            throw new Unreachable(channel + " could not be reached (" + e.getClass().getSimpleName() + ") for " + method);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }

    private void count(String method, String result) {
        if (metrics != null) {
            Counter.builder("liuke_weixin_api_calls").tag("channel", channel).tag("method", method).tag("result", result)
                    .description("calls to the WeChat and WeCom server APIs").register(metrics).increment();
        }
    }

    /** For /health: configured (nothing asked yet), up, or what went wrong last. */
    public String status() {
        return status;
    }

    private static String query(Map<String, String> query) {
        return query.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WeixinApi[" + channel + " " + baseUrl + ", credentials=***]";
    }
}
