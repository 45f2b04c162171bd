package app.liuke.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-process fake of WeChat's server API on a free port: the access token ({@code /cgi-bin/token},
 * checked against the app id and secret), {@code message/custom/send}, {@code message/template/send},
 * {@code menu/create} and {@code user/info}. Every call with a valid token is recorded; a call with
 * an old or wrong token gets 40001. Errors can be queued per method, and the token can be expired.
 */
public final class FakeWechatApi implements AutoCloseable {
    public static final String APP_ID = "wx1234567890abcdef";
    public static final String SECRET = "app-secret-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Javalin app;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> errors = new ConcurrentHashMap<>();
    private final Map<String, String> unionIds = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger customSends = new AtomicInteger();
    private volatile String current = "none";
    private volatile Runnable crash;
    private volatile int crashAt;

    /** One API call with a valid token: the method path (e.g. {@code message/custom/send}) and its JSON body. */
    public record Call(String method, JsonNode body) {
        public String to() {
            return body.path("touser").asText();
        }

        /** The text of a custom message, or a msgmenu's head. */
        public String text() {
            return body.has("msgmenu") ? body.path("msgmenu").path("head_content").asText() : body.path("text").path("content").asText();
        }

        /** The ids of a msgmenu's options, in order. */
        public List<String> menuIds() {
            var ids = new ArrayList<String>();
            body.path("msgmenu").path("list").forEach(item -> ids.add(item.path("id").asText()));
            return ids;
        }
    }

    private final String appId;

    public FakeWechatApi() {
        this(APP_ID);
    }

    /** A fake that hands tokens to {@code appId} (with {@link #SECRET}). */
    public FakeWechatApi(String appId) {
        this.appId = appId;
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/cgi-bin/token", this::token);
            config.routes.post("/cgi-bin/{a}/{b}/{c}", ctx -> call(ctx, ctx.pathParam("a") + "/" + ctx.pathParam("b") + "/" + ctx.pathParam("c")));
            config.routes.post("/cgi-bin/{a}/{b}", ctx -> call(ctx, ctx.pathParam("a") + "/" + ctx.pathParam("b")));
            config.routes.get("/cgi-bin/{a}/{b}", ctx -> call(ctx, ctx.pathParam("a") + "/" + ctx.pathParam("b")));
        }).start("127.0.0.1", 0);
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    private void token(Context ctx) {
        if (!appId.equals(ctx.queryParam("appid")) || !SECRET.equals(ctx.queryParam("secret"))) {
            ctx.json(Map.of("errcode", 40125, "errmsg", "invalid appsecret"));
            return;
        }
        current = "TOKEN-" + tokens.incrementAndGet();
        ctx.json(Map.of("access_token", current, "expires_in", 7200));
    }

    private void call(Context ctx, String method) throws Exception {
        if (!current.equals(ctx.queryParam("access_token"))) {
            ctx.json(Map.of("errcode", 40001, "errmsg", "invalid credential, access_token is invalid or not latest"));
            return;
        }
        JsonNode body = ctx.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
        if (method.equals("message/custom/send") && crash != null && customSends.incrementAndGet() == crashAt) {
            crash.run();
            ctx.status(500);
            return;
        }
        Integer error = errors.getOrDefault(method, new ConcurrentLinkedQueue<>()).poll();
        if (error != null) {
            ctx.json(Map.of("errcode", error, "errmsg", "fake error " + error));
            return;
        }
        calls.add(new Call(method, body));
        if (method.equals("user/info")) {
            String openid = ctx.queryParam("openid");
            String union = unionIds.get(openid);
            ctx.json(union == null ? Map.of("subscribe", 1, "openid", openid) : Map.of("subscribe", 1, "openid", openid, "unionid", union));
            return;
        }
        if (method.equals("qrcode/create")) {
            String scene = body.path("action_info").path("scene").path("scene_str").asText();
            ctx.json(Map.of("ticket", "gQH-" + scene + "==", "expire_seconds", 2592000, "url", "http://weixin.qq.com/q/" + scene));
            return;
        }
        ctx.json(method.equals("message/template/send") ? Map.of("errcode", 0, "errmsg", "ok", "msgid", 200228332L)
                : Map.of("errcode", 0, "errmsg", "ok"));
    }

    /** The next {@code count} calls to {@code method} (e.g. {@code message/custom/send}) answer {@code errcode}. */
    public void failNext(String method, int errcode, int count) {
        var queue = errors.computeIfAbsent(method, key -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < count; i++) {
            queue.add(errcode);
        }
    }

    /** WeChat forgets the current token (as when it expires early or another server fetched one): calls get 40001. */
    public void expireToken() {
        current = "expired-" + current;
    }

    /** The unionid {@code user/info} gives for {@code openid}. */
    public void unionId(String openid, String unionId) {
        unionIds.put(openid, unionId);
    }

    /** Runs {@code action} (e.g. kill -9 the service) at the n-th custom message, which is then not delivered. */
    public void onCustomSend(int nth, Runnable action) {
        crashAt = nth;
        crash = action;
    }

    /** How many access tokens were handed out. */
    public int tokensIssued() {
        return tokens.get();
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    /** Custom and template messages to {@code openid}, in order. */
    public List<Call> sentTo(String openid) {
        return calls.stream().filter(call -> call.method().startsWith("message/") && call.to().equals(openid)).toList();
    }

    /** Polls (with a deadline) until {@code condition} holds for the recorded calls; returns them. */
    public List<Call> await(Predicate<List<Call>> condition, String what) {
        return Await.calls(() -> calls, condition, what);
    }

    /** Waits until {@code openid} got {@code count} messages; returns them. */
    public List<Call> awaitSent(String openid, int count) {
        await(all -> all.stream().filter(call -> call.method().startsWith("message/") && call.to().equals(openid)).count() >= count,
                count + " message(s) to " + openid);
        return sentTo(openid);
    }

    @Override
    public void close() {
        app.stop();
    }
}
