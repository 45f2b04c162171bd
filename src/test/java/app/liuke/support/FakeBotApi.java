package app.liuke.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-process fake of the Telegram Bot API on a free port: records every call the real client
 * makes ({@code /bot<token>/<method>}, method names matched case-insensitively), answers like
 * Telegram, serves queued updates to getUpdates, and can be told to refuse the next call to a chat
 * (429, 403, or a group that moved).
 */
public final class FakeBotApi implements AutoCloseable {
    public static final String BOT_USERNAME = "LiukeTestBot";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Javalin app;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<String> updates = new LinkedBlockingQueue<>();
    private final AtomicInteger messageIds = new AtomicInteger(100);
    private final AtomicInteger sendMessages = new AtomicInteger();
    private volatile Runnable crash;
    private volatile int crashAt;

    /** One request the bot made: the method (lower case) and its JSON parameters. */
    public record Call(String method, JsonNode body) {
        public String chatId() {
            return body.path("chat_id").asText();
        }

        public String text() {
            return body.path("text").asText();
        }

        /** The data of every button under the message, row by row. */
        public List<String> buttonData() {
            var data = new ArrayList<String>();
            body.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(button -> data.add(button.path("callback_data").asText())));
            return data;
        }
    }

    private record Refusal(String chatId, String response, int status) {
    }

    public FakeBotApi() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/bot{token}/{method}", this::answer);
            config.routes.get("/bot{token}/{method}", this::answer);
        }).start("127.0.0.1", 0);
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    private void answer(Context ctx) throws Exception {
        String method = ctx.pathParam("method").toLowerCase(Locale.ROOT);
        JsonNode body = body(ctx);
        if (method.equals("getupdates")) {
            String update = updates.poll(300, TimeUnit.MILLISECONDS);
            ctx.contentType("application/json").result("{\"ok\":true,\"result\":[" + (update == null ? "" : update) + "]}");
            return;
        }
        Runnable crash = this.crash;
        if (method.equals("sendmessage") && crash != null && sendMessages.incrementAndGet() == crashAt) {
            this.crash = null;
            crash.run();
            ctx.status(502);
            return;
        }
        calls.add(new Call(method, body));
        String chat = body.path("chat_id").asText();
        for (Refusal refusal : refusals) {
            if (refusal.chatId().equals(chat) && refusals.remove(refusal)) {
                ctx.status(refusal.status()).contentType("application/json").result(refusal.response());
                return;
            }
        }
        ctx.contentType("application/json").result("{\"ok\":true,\"result\":" + result(method, body) + "}");
    }

    /** JSON bodies as they are; multipart forms (setWebhook uses one) as an object of their fields. */
    private static JsonNode body(Context ctx) throws Exception {
        String type = String.valueOf(ctx.contentType());
        if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode form = JSON.createObjectNode();
            ctx.formParamMap().forEach((name, values) -> {
                String value = values.get(0);
                try {
                    form.set(name, value.startsWith("[") || value.startsWith("{") ? JSON.readTree(value) : JSON.valueToTree(value));
                } catch (Exception e) {
                    form.put(name, value);
                }
            });
            return form;
        }
        return ctx.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
    }

    private String result(String method, JsonNode body) {
        return switch (method) {
            case "getme" -> "{\"id\":999000,\"is_bot\":true,\"first_name\":\"Liuke\",\"username\":\"" + BOT_USERNAME + "\"}";
            case "sendmessage", "editmessagetext" -> {
                ObjectNode message = JSON.createObjectNode();
                message.put("message_id", body.has("message_id") ? body.get("message_id").asInt() : messageIds.incrementAndGet());
                message.put("date", 1_773_540_000);
                ObjectNode chat = message.putObject("chat");
                chat.put("id", body.path("chat_id").asLong());
                chat.put("type", body.path("chat_id").asLong() < 0 ? "supergroup" : "private");
                message.put("text", body.path("text").asText());
                yield message.toString();
            }
            default -> "true";
        };
    }

    /**
     * On the {@code nth} sendMessage from now, runs {@code action} (say, a {@code kill -9} of the
     * service) instead of recording and answering it: that message is lost in flight.
     */
    public void onSendMessage(int nth, Runnable action) {
        sendMessages.set(0);
        crashAt = nth;
        crash = action;
    }

    /** The next message to {@code chatId} gets 429 with {@code retry_after}. */
    public void tooManyRequestsFor(String chatId, int retryAfterSeconds) {
        refusals.add(new Refusal(chatId, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                + retryAfterSeconds + "\",\"parameters\":{\"retry_after\":" + retryAfterSeconds + "}}", 429));
    }

    /** The next message to {@code chatId} gets 403: the user blocked the bot. */
    public void blockedBy(String chatId) {
        refusals.add(new Refusal(chatId, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}", 403));
    }

    /** The next message to {@code chatId} gets 400: the group became the supergroup {@code newChatId}. */
    public void movedTo(String chatId, long newChatId) {
        refusals.add(new Refusal(chatId, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was upgraded to a supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":"
                + newChatId + "}}", 400));
    }

    /** Queues an update for getUpdates (polling mode). */
    public void queueUpdate(String json) {
        updates.add(json);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method.toLowerCase(Locale.ROOT))).toList();
    }

    /** Messages sent to one chat, oldest first. */
    public List<Call> sentTo(String chatId) {
        return calls.stream().filter(call -> call.method().equals("sendmessage") && call.chatId().equals(chatId)).toList();
    }

    /**
     * Polls (with a deadline, never a blind sleep) until {@code condition} holds for the recorded calls,
     * and returns the calls recorded by then. A condition may look at the calls it is given or at the
     * live ones (through {@link #calls(String)}, say): the list returned is taken after the test, so it
     * holds everything either saw (calls are only ever added).
     */
    public List<Call> await(Predicate<List<Call>> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(calls())) {
                return calls();
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; calls: " + new ArrayList<>(calls));
    }

    /** Waits until {@code count} messages were sent to {@code chatId} and returns them. */
    public List<Call> awaitSent(String chatId, int count) {
        await(all -> sentTo(chatId).size() >= count, count + " message(s) to " + chatId);
        return sentTo(chatId);
    }

    public void clear() {
        calls.clear();
    }

    @Override
    public void close() {
        app.stop();
    }
}
