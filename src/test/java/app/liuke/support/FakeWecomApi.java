package app.liuke.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-process fake of WeCom's server API on a free port: {@code gettoken} (checked against the corp
 * id and secret), app messages, external contacts, customer groups, welcome messages, mass-send tasks
 * and their results, and group robots ({@code webhook/send?key=}, recorded with the shop clock's time).
 * Calls with a valid token are recorded; errors can be queued per method.
 */
public final class FakeWecomApi implements AutoCloseable {
    public static final String CORP_ID = "ww1234567890abcdef";
    public static final String SECRET = "app-secret-for-wecom-tests";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Javalin app;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> errors = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> contacts = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> groups = new ConcurrentHashMap<>();
    private final Map<String, Integer> taskStatus = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger tasks = new AtomicInteger();
    private volatile String current = "none";
    private volatile Clock clock = Clock.systemUTC();

    /** One recorded call: the method path (e.g. {@code message/send}), its JSON body, and the shop time it arrived. */
    public record Call(String method, JsonNode body, String key, Instant at) {
    }

    public FakeWecomApi() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/cgi-bin/gettoken", this::token);
            config.routes.post("/cgi-bin/webhook/send", this::robot);
            config.routes.post("/cgi-bin/{a}/{b}/{c}", ctx -> call(ctx, ctx.pathParam("a") + "/" + ctx.pathParam("b") + "/" + ctx.pathParam("c")));
            config.routes.post("/cgi-bin/{a}/{b}", ctx -> call(ctx, ctx.pathParam("a") + "/" + ctx.pathParam("b")));
            config.routes.get("/cgi-bin/{a}/{b}", ctx -> call(ctx, ctx.pathParam("a") + "/" + ctx.pathParam("b")));
        }).start("127.0.0.1", 0);
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Records robot posts with this clock's time (the shop's), so pacing can be checked without sleeping. */
    public void useClock(Clock shopClock) {
        this.clock = shopClock;
    }

    private void token(Context ctx) {
        if (!CORP_ID.equals(ctx.queryParam("corpid")) || !SECRET.equals(ctx.queryParam("corpsecret"))) {
            ctx.json(Map.of("errcode", 40001, "errmsg", "invalid secret"));
            return;
        }
        current = "WECOM-TOKEN-" + tokens.incrementAndGet();
        ctx.json(Map.of("errcode", 0, "access_token", current, "expires_in", 7200));
    }

    private void robot(Context ctx) throws Exception {
        Integer error = errors.getOrDefault("webhook/send", new ConcurrentLinkedQueue<>()).poll();
        if (error != null) {
            ctx.json(Map.of("errcode", error, "errmsg", "fake error " + error));
            return;
        }
        calls.add(new Call("webhook/send", JSON.readTree(ctx.body()), ctx.queryParam("key"), clock.instant()));
        ctx.json(Map.of("errcode", 0, "errmsg", "ok"));
    }

    private void call(Context ctx, String method) throws Exception {
        if (!current.equals(ctx.queryParam("access_token"))) {
            ctx.json(Map.of("errcode", 42001, "errmsg", "access_token expired"));
            return;
        }
        JsonNode body = ctx.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
        Integer error = errors.getOrDefault(method, new ConcurrentLinkedQueue<>()).poll();
        if (error != null) {
            ctx.json(Map.of("errcode", error, "errmsg", "fake error " + error));
            return;
        }
        calls.add(new Call(method, body, null, clock.instant()));
        switch (method) {
            case "externalcontact/get" -> {
                var contact = contacts.getOrDefault(ctx.queryParam("external_userid"), Map.of("name", "客户"));
                ctx.json(Map.of("errcode", 0, "external_contact", contact, "follow_user", List.of()));
            }
            case "groupchat/get", "externalcontact/groupchat/get" -> {
                String chat = body.path("chat_id").asText();
                ctx.json(Map.of("errcode", 0, "group_chat", Map.of("chat_id", chat, "name", "老顾客群", "owner", "zhangsan",
                        "member_list", groups.getOrDefault(chat, List.of()))));
            }
            case "externalcontact/add_msg_template" -> ctx.json(Map.of("errcode", 0, "fail_list", List.of(),
                    "msgid", "msg" + tasks.incrementAndGet()));
            case "externalcontact/get_groupmsg_send_result" -> {
                var list = new ArrayList<Map<String, Object>>();
                taskStatus.forEach((key, status) -> {
                    String[] parts = key.split("\\|");
                    if (parts[0].equals(body.path("msgid").asText())) {
                        list.add(Map.of("external_userid", parts[1], "userid", body.path("userid").asText(), "status", status,
                                "send_time", clock.instant().getEpochSecond()));
                    }
                });
                ctx.json(Map.of("errcode", 0, "send_list", list));
            }
            default -> ctx.json(Map.of("errcode", 0, "errmsg", "ok", "invaliduser", ""));
        }
    }

    /** What {@code externalcontact/get} says of {@code externalUserId}. */
    public void contact(String externalUserId, String name, String unionId) {
        var contact = new HashMap<String, Object>(Map.of("name", name, "type", 1));
        if (unionId != null) {
            contact.put("unionid", unionId);
        }
        contacts.put(externalUserId, contact);
    }

    /** The external members {@code groupchat/get} lists for {@code chatId}: external userid → name. */
    public void group(String chatId, Map<String, String> externalMembers) {
        var members = new ArrayList<Map<String, Object>>();
        members.add(Map.of("userid", "zhangsan", "type", 1, "name", "张三", "join_scene", 1));
        externalMembers.forEach((id, name) -> members.add(Map.of("userid", id, "type", 2, "name", name, "join_scene", 3)));
        groups.put(chatId, members);
    }

    /** What {@code get_groupmsg_send_result} reports for a task and customer (1 sent, 2 not a contact, 3 limit). */
    public void taskResult(String msgId, String externalUserId, int status) {
        taskStatus.put(msgId + "|" + externalUserId, status);
    }

    public void failNext(String method, int errcode, int count) {
        var queue = errors.computeIfAbsent(method, key -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < count; i++) {
            queue.add(errcode);
        }
    }

    public int tokensIssued() {
        return tokens.get();
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    /** Polls (with a deadline) until {@code condition} holds for the recorded calls; returns them. */
    public List<Call> await(Predicate<List<Call>> condition, String what) {
        return Await.calls(() -> calls, condition, what);
    }

    /** Waits until {@code method} was called {@code count} times; returns those calls. */
    public List<Call> awaitCalls(String method, int count) {
        await(all -> all.stream().filter(call -> call.method().equals(method)).count() >= count, count + " × " + method);
        return calls(method);
    }

    /** App messages to {@code userId}, in order. */
    public List<Call> appMessagesTo(String userId) {
        return calls("message/send").stream().filter(call -> call.body().path("touser").asText().equals(userId)).toList();
    }

    @Override
    public void close() {
        app.stop();
    }
}
