package app.liuke.web;

import app.liuke.channel.InboundFlow;
import app.liuke.channel.IncomingUpdate;
import app.liuke.channel.telegram.TelegramIngest;
import app.liuke.shared.Secret;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /telegram/webhook}: checks the secret header in constant time (401), reads just the
 * update id and chat (400 for anything that is not an update), and answers 200 once the update is
 * committed to the inbox. Processing happens afterwards, in order per chat. A repeat is answered
 * 200 and has no second effect. When the inbox cannot take it, 503 makes Telegram deliver it again.
 */
final class TelegramWebhookApi {
    private static final long ACK_TIMEOUT_SECONDS = 10;
    private final Secret secret;
    private final InboundFlow flow;

    private final long maxBytes;

    TelegramWebhookApi(String webhookSecret, InboundFlow flow, long maxBytes) {
        this.secret = new Secret(webhookSecret);
        this.flow = flow;
        this.maxBytes = maxBytes;
    }

    void receive(Context ctx) {
        if (!secret.matches(ctx.header("X-Telegram-Bot-Api-Secret-Token"))) {
            throw new AdminAuth.Refused(401, "unauthorized", "error.webhook.secret");
        }
        IncomingUpdate update;
        try {
            update = TelegramIngest.read(body(ctx));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("body", "error.webhook.update", e.getMessage());
        }
        try {
            flow.submit(update).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.status(503).json(new ApiError("unavailable", "shutting down", null));
            return;
        } catch (ExecutionException | TimeoutException e) {
            ctx.header("Retry-After", "5").status(503).json(new ApiError("unavailable", "the inbox could not store the update", null));
            return;
        }
        ctx.status(200).result("");
    }

    /**
     * The body, read into an array of exactly its declared length (Javalin's own reader allocates
     * several kilobytes per request, which shows up as GC pauses at thousands of updates a second).
     */
    private byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new ContentTooLargeResponse();
        }
        if (declared < 0) {
            return ctx.bodyAsBytes();
        }
        try {
            byte[] body = ctx.req().getInputStream().readNBytes((int) declared);
            if (body.length != declared) {
                throw new BadRequest("body", "error.webhook.update", "the body ended early");
            }
            return body;
        } catch (IOException e) {
            throw new BadRequest("body", "error.webhook.update", "the body could not be read");
        }
    }
}
