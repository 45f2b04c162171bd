package app.liuke.web;

import app.liuke.channel.InboundFlow;
import app.liuke.channel.IncomingUpdate;
import app.liuke.channel.weixin.WeixinCallbacks;
import app.liuke.channel.weixin.WeixinCrypto;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET/POST /wechat/callback} and {@code /wecom/callback}, one handler for both products. GET
 * answers the URL check (WeChat: the plain {@code echostr}; WeCom: it decrypted, its corp id checked).
 * POST checks the timestamp (replay), the signature and, when encrypted, decrypts and checks the app or
 * corp id; then stores the message in the inbox (its MsgId, or for events a hash of the fields that
 * tell it apart, refuses repeats durably) and answers {@code success} once it is committed, well inside
 * the 5 seconds both allow; it is handled afterwards, in order per chat. A refusal is a 4xx with a JSON
 * reason; a full inbox is 503, so the platform delivers again.
 */
final class WeixinCallbackApi {
    private static final long ACK_TIMEOUT_MILLIS = 4000;
    private final String channel;
    private final WeixinCallbacks callbacks;
    private final boolean encryptedEcho;
    private final java.util.List<String> eventKey;
    private final java.util.function.Function<Map<String, String>, String> chatKey;
    private final InboundFlow flow;
    private final long maxBytes;
    private final MeterRegistry metrics;

    /**
     * @param channel  the inbox channel (wechat or wecom), which also names the error texts and metrics
     * @param eventKey the fields that tell one event from another (events have no MsgId)
     * @param chatKey  the key that keeps one chat's messages in order, from a message's fields; null refuses it
     */
    WeixinCallbackApi(String channel, WeixinCallbacks callbacks, boolean encryptedEcho, java.util.List<String> eventKey,
                      java.util.function.Function<Map<String, String>, String> chatKey, InboundFlow flow, long maxBytes,
                      MeterRegistry metrics) {
        this.channel = channel;
        this.callbacks = callbacks;
        this.encryptedEcho = encryptedEcho;
        this.eventKey = java.util.List.copyOf(eventKey);
        this.chatKey = chatKey;
        this.flow = flow;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    void verify(Context ctx) {
        String echo;
        try {
            echo = encryptedEcho ? callbacks.echoEncrypted(query(ctx)) : callbacks.echoPlain(query(ctx));
        } catch (WeixinCrypto.Refused e) {
            count("refused-" + e.code());
            throw refusal(e);
        }
        count("verified");
        ctx.contentType("text/plain; charset=utf-8").result(echo);
    }

    void receive(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new ContentTooLargeResponse();
        }
        Map<String, String> fields;
        try {
            fields = callbacks.open(query(ctx), body(ctx));
        } catch (WeixinCrypto.Refused e) {
            count("refused-" + e.code());
            throw refusal(e);
        } catch (IllegalArgumentException e) {
            count("refused-body");
            throw new BadRequest("body", "error." + channel + ".body", e.getMessage());
        }
        String key = fields.get("MsgType") == null ? null : chatKey.apply(fields);
        if (key == null || key.length() > 200) {
            count("refused-body");
            throw new BadRequest("body", "error." + channel + ".body", "FromUserName and MsgType are required");
        }
        var update = new IncomingUpdate(channel, WeixinCallbacks.updateId(fields, eventKey), key, app.liuke.channel.weixin.WeixinFields.write(fields));
        try {
            var outcome = flow.submit(update).get(ACK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            count(outcome.name().toLowerCase(java.util.Locale.ROOT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.status(503).json(new ApiError("unavailable", "shutting down", null));
            return;
        } catch (ExecutionException | TimeoutException e) {
            count("unavailable");
            ctx.header("Retry-After", "5").status(503).json(new ApiError("unavailable", "the inbox could not store the message", null));
            return;
        }
        ctx.status(200).contentType("text/plain; charset=utf-8").result("success");
    }

    private AdminAuth.Refused refusal(WeixinCrypto.Refused e) {
        String prefix = "error." + channel + ".";
        return switch (e.code()) {
            case "signature" -> new AdminAuth.Refused(401, "unauthorized", prefix + "signature");
            case "replay" -> new AdminAuth.Refused(403, "stale", prefix + "replay");
            case "receiver" -> new AdminAuth.Refused(403, "forbidden", prefix + "receiver");
            default -> new AdminAuth.Refused(400, "bad_request", prefix + "decrypt");
        };
    }

    private static Map<String, String> query(Context ctx) {
        var query = new HashMap<String, String>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        return query;
    }

    private byte[] body(Context ctx) {
        try {
            byte[] body = ctx.req().getInputStream().readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (body.length > maxBytes) {
                throw new ContentTooLargeResponse();
            }
            return body;
        } catch (IOException e) {
            throw new BadRequest("body", "error." + channel + ".body", "the body could not be read");
        }
    }

    private void count(String result) {
        Counter.builder("liuke_" + channel + "_callbacks").tag("result", result).description(channel + " callbacks by outcome")
                .register(metrics).increment();
    }
}
