package app.liuke.channel.wecom;

import app.liuke.channel.ChannelGateway;
import app.liuke.channel.Delivery;
import app.liuke.channel.Outbound;
import app.liuke.channel.weixin.WeixinApi;
import app.liuke.store.Database;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Posts into customer groups through their group robots (群机器人, {@code wecom.robots}: chat id → key).
 * A robot takes at most 20 messages a minute: the gateway counts what it sent to the group in the last
 * 60 seconds (from the outbox, so a restart or a second instance counts too) and has the rest wait
 * ({@link Delivery.Later}): queued, never dropped. 45009 from WeCom waits a minute too. Texts are split
 * to 2,048 bytes before they are queued. A group without a robot is skipped as {@code no-robot}. The
 * robot's key is a secret: it is never logged. Never throws. Thread-safe.
 */
public final class WecomRobotGateway implements ChannelGateway {
    static final int PER_MINUTE = 20;
    private final WeixinApi api;
    private final Map<String, String> robots;
    private final Database database;
    private final Clock clock;

    public WecomRobotGateway(WeixinApi api, Map<String, String> robots, Database database, Clock clock) {
        this.api = api;
        this.robots = Map.copyOf(robots);
        this.database = database;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return WecomUpdates.GROUP;
    }

    @Override
    public int maxTextLength() {
        return app.liuke.outbox.Outbox.MAX_WECOM_BYTES / 3;
    }

    @Override
    public boolean pacesItself() {
        return true;
    }

    @Override
    public Delivery deliver(Outbound message) {
        String key = robots.get(message.chat().chatId());
        if (key == null) {
            return new Delivery.Skipped("no-robot");
        }
        String text;
        if (message instanceof Outbound.SendText send) {
            text = send.text();
        } else if (message instanceof Outbound.EditText edit) {
            text = edit.text();
        } else {
            return new Delivery.Delivered(null);
        }
        long now = clock.instant().getEpochSecond();
        var recent = database.read(handle -> handle.query("""
                SELECT sent_at FROM outbox WHERE channel = 'wecom-group' AND chat_id = :chat AND status = 'sent' AND sent_at > :since
                ORDER BY sent_at DESC LIMIT :n""", row -> row.getLong(1), "chat", message.chat().chatId(), "since", now - 60,
                "n", PER_MINUTE));
        if (recent.size() >= PER_MINUTE) {
            return new Delivery.Later(Duration.ofSeconds(Math.max(1, recent.get(PER_MINUTE - 1) + 60 - now)));
        }
        try {
            var reply = api.postWithoutToken("/cgi-bin/webhook/send?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
                    Map.of("msgtype", "text", "text", Map.of("content", text)));
            if (reply.ok()) {
                return new Delivery.Delivered(null);
            }
            return switch (reply.errcode()) {
                case 45009 -> new Delivery.Later(Duration.ofMinutes(1));
                case -1 -> new Delivery.Later(Duration.ofSeconds(5));
                case 93000 -> new Delivery.Unreachable("93000 the robot's key is no longer valid");
                default -> new Delivery.Failed(reply.errcode() + " " + reply.errmsg(), reply.errcode() >= 40000 && reply.errcode() < 50000);
            };
        } catch (WeixinApi.Unreachable e) {
            return new Delivery.Failed(e.getMessage(), false);
        }
    }
}
