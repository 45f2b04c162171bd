package app.liuke.channel.wecom;

import app.liuke.channel.ChannelGateway;
import app.liuke.channel.Delivery;
import app.liuke.channel.Outbound;
import app.liuke.channel.weixin.WeixinApi;
import app.liuke.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reaches customers who are WeCom external contacts. WeCom lets a server talk to them in two ways only:
 * the welcome ({@code send_welcome_msg}, with the add event's code, once and within 20 seconds; a lapsed
 * code is skipped as {@code welcome-code-lapsed}) and mass-send tasks ({@code add_msg_template}) that the
 * staff member who has the customer as a contact confirms in their client. Each message becomes one task
 * for its customer; the row is marked sent with the task's id, and {@link WecomTaskResults} later learns
 * whether the staff member sent it. Never throws. Thread-safe.
 */
public final class WecomContactGateway implements ChannelGateway {
    private final WeixinApi api;
    private final Database database;
    private final Clock clock;

    public WecomContactGateway(WeixinApi api, Database database, Clock clock) {
        this.api = api;
        this.database = database;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return WecomUpdates.CHANNEL;
    }

    @Override
    public int maxTextLength() {
        return app.liuke.outbox.Outbox.MAX_WECOM_BYTES / 3;
    }

    @Override
    public Delivery deliver(Outbound message) {
        try {
            if (message instanceof Outbound.Welcome welcome) {
                return welcome(welcome);
            }
            if (message instanceof Outbound.SendText text) {
                return task(text);
            }
            return new Delivery.Skipped("unsupported");
        } catch (WeixinApi.Unreachable e) {
            return new Delivery.Failed(e.getMessage(), false);
        }
    }

    private Delivery welcome(Outbound.Welcome welcome) {
        if (clock.instant().getEpochSecond() > welcome.validUntil()) {
            return new Delivery.Skipped("welcome-code-lapsed");
        }
        var reply = api.post("/cgi-bin/externalcontact/send_welcome_msg",
                Map.of("welcome_code", welcome.welcomeCode(), "text", Map.of("content", welcome.text())));
        if (reply.ok()) {
            return new Delivery.Delivered("welcome");
        }
        return switch (reply.errcode()) {
            case -1 -> new Delivery.RetryLater(Duration.ofSeconds(2));
            case 45009 -> new Delivery.RetryLater(Duration.ofMinutes(1));
            default -> new Delivery.Skipped("welcome-code-lapsed: " + reply.errcode());
        };
    }

    private Delivery task(Outbound.SendText text) {
        String external = text.chat().chatId();
        Optional<String> sender = database.read(handle -> handle.queryOne("""
                SELECT COALESCE(i.follow_user, s.wecom_userid) FROM channel_identity i JOIN customer c ON c.id = i.customer_id
                LEFT JOIN staff s ON s.id = c.owner_staff_id
                WHERE i.channel = 'wecom' AND i.external_id = :external""", row -> row.getString(1), "external", external))
                .filter(value -> value != null && !value.isBlank());
        if (sender.isEmpty()) {
            return new Delivery.Skipped("no-sender");
        }
        var reply = api.post("/cgi-bin/externalcontact/add_msg_template", Map.of("chat_type", "single",
                "external_userid", List.of(external), "sender", sender.get(), "text", Map.of("content", text.text())));
        if (reply.ok()) {
            for (var failed : reply.body().path("fail_list")) {
                if (failed.asText().equals(external)) {
                    return new Delivery.Skipped("not-a-contact");
                }
            }
            return new Delivery.Delivered("task:" + reply.body().path("msgid").asText() + ":" + sender.get());
        }
        return switch (reply.errcode()) {
            case -1 -> new Delivery.RetryLater(Duration.ofSeconds(5));
            case 45009 -> new Delivery.RetryLater(Duration.ofMinutes(10));
            case 84061 -> new Delivery.Skipped("not-a-contact");
            default -> new Delivery.Failed(reply.errcode() + " " + reply.errmsg(), reply.errcode() >= 40000 && reply.errcode() < 50000);
        };
    }
}
