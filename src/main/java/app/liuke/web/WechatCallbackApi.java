package app.liuke.web;

import app.liuke.channel.InboundFlow;
import app.liuke.channel.IncomingUpdate;
import app.liuke.channel.wechat.WechatUpdates;
import app.liuke.channel.weixin.WeixinCallbacks;
import app.liuke.channel.weixin.WeixinCrypto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code GET/POST /wechat/callback}. GET answers WeChat's URL check. POST checks the timestamp
 * (replay), the signature and, in safe mode, decrypts and checks the app id; then stores the message in
 * the inbox (its MsgId, or for events the follower, time, event and key, refuse repeats durably) and
 * answers {@code success} once it is committed, well inside WeChat's 5 seconds; it is handled
 * afterwards, in order per follower. A refusal is a 4xx with a JSON reason; a full inbox is 503, so
 * WeChat delivers again.
 */
final class WechatCallbackApi {
    private static final long ACK_TIMEOUT_MILLIS = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WeixinCallbacks callbacks;
    private final InboundFlow flow;
    private final long maxBytes;
    private final MeterRegistry metrics;

    WechatCallbackApi(WeixinCallbacks callbacks, InboundFlow flow, long maxBytes, MeterRegistry metrics) {
        this.callbacks = callbacks;
        this.flow = flow;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    void verify(Context ctx) {
        String echo;
        try {
            echo = callbacks.echoPlain(query(ctx));
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
            throw new BadRequest("body", "error.wechat.body", e.getMessage());
        }
        String openid = fields.getOrDefault("FromUserName", "").strip();
        if (openid.isEmpty() || openid.length() > 128 || fields.get("MsgType") == null) {
            count("refused-body");
            throw new BadRequest("body", "error.wechat.body", "FromUserName and MsgType are required");
        }
        var update = new IncomingUpdate(WechatUpdates.CHANNEL, WeixinCallbacks.updateId(fields, WechatUpdates.EVENT_KEY),
                WechatUpdates.CHANNEL + ":" + openid, json(fields));
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

    private static AdminAuth.Refused refusal(WeixinCrypto.Refused e) {
        return switch (e.code()) {
            case "signature" -> new AdminAuth.Refused(401, "unauthorized", "error.wechat.signature");
            case "replay" -> new AdminAuth.Refused(403, "stale", "error.wechat.replay");
            case "receiver" -> new AdminAuth.Refused(403, "forbidden", "error.wechat.receiver");
            default -> new AdminAuth.Refused(400, "bad_request", "error.wechat.decrypt");
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
            throw new BadRequest("body", "error.wechat.body", "the body could not be read");
        }
    }

    private static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void count(String result) {
        Counter.builder("liuke_wechat_callbacks").tag("result", result).description("WeChat callbacks by outcome")
                .register(metrics).increment();
    }
}
