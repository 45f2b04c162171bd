package app.liuke.web;

import app.liuke.channel.ChatPipeline;
import app.liuke.channel.ChatRef;
import app.liuke.channel.CommandText;
import app.liuke.channel.Inbound;
import app.liuke.channel.Outbound;
import app.liuke.channel.Person;
import app.liuke.outbox.Outbox;
import app.liuke.outbox.OutboxRow;
import app.liuke.outbox.SendGate;
import app.liuke.store.Database;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in web chat: {@code /chat} serves the page; {@code /chat/api/...} lets a visitor talk to
 * the bot through the same conversation engine as Telegram. Sessions are issued by the server
 * ({@code POST /chat/api/session}: 24 random bytes) and bound to their mode: made with the admin token,
 * a staff session speaks as the shop's owner and is readable and writable only with the token; made
 * without it, a customer session stays a customer's. An id the server did not issue is refused.
 * Messages the bot sends to a web chat wait in the outbox until the page fetches them.
 */
final class WebChatApi {
    static final String CHANNEL = "web";
    private static final Logger LOG = LoggerFactory.getLogger(WebChatApi.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TEXT = 4096;
    private final ChatPipeline pipeline;
    private final Outbox outbox;
    private final SendGate gate;
    private final Database database;
    private final AdminAuth auth;
    private final Requests requests;
    private final Clock clock;
    private final java.util.Locale shopLocale;

    WebChatApi(ChatPipeline pipeline, Outbox outbox, SendGate gate, Database database, AdminAuth auth, Requests requests, Clock clock,
               java.util.Locale shopLocale) {
        this.shopLocale = shopLocale;
        this.gate = gate;
        this.pipeline = pipeline;
        this.outbox = outbox;
        this.database = database;
        this.auth = auth;
        this.requests = requests;
        this.clock = clock;
    }

    record MessageBody(String session, String text, String button, String name, String language, Long after) {
    }

    record ChatMessage(long id, String kind, String text, List<List<Map<String, String>>> buttons) {
    }

    record Messages(List<ChatMessage> messages, long last) {
    }

    void page(Context ctx) {
        WebAssets.servePage(ctx, "/web/chat.html", shopLocale);
    }

    void script(Context ctx) {
        WebAssets.serve(ctx, "/web/chat.js", "text/javascript; charset=utf-8");
    }

    void newSession(Context ctx) {
        boolean staff = admin(ctx);
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        database.useTransaction(handle -> handle.update("INSERT INTO web_session (id, mode, created_at) VALUES (:id, :mode, :now)",
                "id", id, "mode", staff ? "staff" : "customer", "now", clock.instant().getEpochSecond()));
        ctx.status(201).json(Map.of("session", id, "mode", staff ? "staff" : "customer"));
    }

    /** True with the right admin token; a wrong one is refused (401), none is a customer. */
    private boolean admin(Context ctx) {
        boolean admin = auth.isAdmin(ctx);
        if (ctx.header("Authorization") != null && !admin) {
            throw new AdminAuth.Refused(401, "unauthorized", "error.auth.missing");
        }
        return admin;
    }

    /**
     * The session named by the request, as issued: an unknown id is 400; a staff session without the
     * token is 401; a customer session with the token is 403 (a chat keeps the mode it was made in).
     */
    private boolean staffSession(Context ctx, String given) {
        String id = session(given);
        String mode = database.read(handle -> handle.queryOne("SELECT mode FROM web_session WHERE id = :id",
                row -> row.getString(1), "id", id)).orElseThrow(() -> new BadRequest("session", "error.chat.session"));
        boolean admin = admin(ctx);
        if (mode.equals("staff") && !admin) {
            throw new AdminAuth.Refused(401, "unauthorized", "error.chat.staffSession");
        }
        if (mode.equals("customer") && admin) {
            throw new AdminAuth.Refused(403, "forbidden", "error.chat.customerSession");
        }
        return mode.equals("staff");
    }

    /** A typed message or a pressed button; answers with every message for this chat after {@code after}. */
    void send(Context ctx) {
        MessageBody body = requests.body(ctx, MessageBody.class);
        String session = session(body.session());
        boolean admin = staffSession(ctx, session);
        ChatRef chat = ChatRef.privateChat(CHANNEL, session);
        boolean english = body.language() != null && body.language().toLowerCase(java.util.Locale.ROOT).startsWith("en");
        String name = body.name() == null || body.name().isBlank()
                ? (english ? "Visitor " : "访客 ") + session.substring(0, 4) : body.name();
        var person = new Person(CHANNEL, session, name.length() > 64 ? name.substring(0, 64) : name, null, body.language(), admin);
        Inbound event;
        if (body.button() != null) {
            if (body.button().length() > 64) {
                throw new BadRequest("button", "error.chat.button");
            }
            event = new Inbound.ButtonPress(chat, person, "web-" + UUID.randomUUID(), body.button(), null);
        } else {
            if (body.text() == null || body.text().isBlank() || body.text().length() > MAX_TEXT) {
                throw new BadRequest("text", "error.chat.text", MAX_TEXT);
            }
            event = CommandText.parse(chat, person, body.text(), null);
        }
        try {
            pipeline.processNow(event, "web:" + session + ":" + UUID.randomUUID());
        } catch (app.liuke.store.DataException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("web chat message failed: {}", e.toString(), e);
            pipeline.apologize(event, "web:" + session + ":" + UUID.randomUUID());
        }
        fetch(ctx, session, body.after() == null ? 0 : body.after());
    }

    /** {@code GET /chat/api/messages?session=…&after=…}: messages that arrived since (campaigns, notices). */
    void poll(Context ctx) {
        String after = ctx.queryParam("after");
        long afterId;
        try {
            afterId = after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new BadRequest("after", "error.id.invalid", after.length() > 20 ? after.substring(0, 20) : after);
        }
        String session = session(ctx.queryParam("session"));
        staffSession(ctx, session);
        fetch(ctx, session, afterId);
    }

    private void fetch(Context ctx, String session, long after) {
        List<OutboxRow> rows = database.transaction(handle -> {
            Instant now = clock.instant();
            var shown = new ArrayList<OutboxRow>();
            for (OutboxRow row : outbox.forChat(handle, CHANNEL, session, after, 200, now)) {
                if (!row.status().equals("pending")) {
                    shown.add(row);
                    continue;
                }
                // The page is this channel's dispatcher: the same last look as before a Telegram send.
                if (outbox.cleared(handle, gate, row, now)) {
                    outbox.markSent(handle, row.id(), null, now);
                    shown.add(row);
                }
            }
            return shown;
        });
        var messages = rows.stream().map(WebChatApi::view).toList();
        ctx.json(new Messages(messages, rows.isEmpty() ? after : Math.max(after, rows.get(rows.size() - 1).id())));
    }

    private static ChatMessage view(OutboxRow row) {
        Outbound message = row.message();
        if (message instanceof Outbound.SendText text) {
            return new ChatMessage(row.id(), "text", text.text(), buttons(text.buttons()));
        }
        if (message instanceof Outbound.EditText edit) {
            return new ChatMessage(row.id(), "edit", edit.text(), buttons(edit.buttons()));
        }
        var answer = (Outbound.AnswerButton) message;
        return new ChatMessage(row.id(), "notice", answer.text() == null ? "" : answer.text(), List.of());
    }

    private static List<List<Map<String, String>>> buttons(List<List<app.liuke.channel.Button>> rows) {
        return rows.stream().map(row -> row.stream().map(b -> Map.of("label", b.label(), "data", b.data())).toList()).toList();
    }

    private static String session(String given) {
        if (given == null || !given.matches("[A-Za-z0-9_-]{32}")) {
            throw new BadRequest("session", "error.chat.session");
        }
        return given;
    }

}
