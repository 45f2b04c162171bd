package app.liuke.channel.wechat;

import app.liuke.channel.ChatRef;
import app.liuke.channel.CommandText;
import app.liuke.channel.Inbound;
import app.liuke.channel.Person;
import app.liuke.channel.UpdateTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a WeChat message or event (its fields, as stored in the inbox) into channel-neutral events:
 * text is a command or a message; a {@code msgmenu} click (bizmsgmenuid) is a button press;
 * {@code subscribe} (with or without {@code qrscene_…}) and {@code SCAN} are {@code /start PAYLOAD},
 * as Telegram's deep links are; {@code CLICK} menu keys are the command they name; {@code unsubscribe}
 * is the follower leaving. Each interaction that opens WeChat's reply window also yields an
 * {@link Inbound.Interaction}, after the event itself. Thread-safe.
 */
public final class WechatUpdates implements UpdateTranslator {
    public static final String CHANNEL = "wechat";
    /** The fields that tell one event from another (events have no MsgId). */
    public static final List<String> EVENT_KEY = List.of("FromUserName", "CreateTime", "Event", "EventKey");
    private final java.util.function.Function<String, java.util.Optional<String>> unionIds;

    /** {@code unionIds}: a follower's unionid by openid (WeChat's user/info), asked once per follow; empty when unknown. */
    public WechatUpdates(java.util.function.Function<String, java.util.Optional<String>> unionIds) {
        this.unionIds = unionIds;
    }

    public WechatUpdates() {
        this(openid -> java.util.Optional.empty());
    }

    /** The key that keeps one follower's messages in order; null when the message names no follower. */
    public static String chatKey(Map<String, String> fields) {
        String openid = fields.getOrDefault("FromUserName", "").strip();
        return openid.isEmpty() ? null : CHANNEL + ":" + openid;
    }

    @Override
    public List<Inbound> translate(String payload) {
        Map<String, String> fields = app.liuke.channel.weixin.WeixinFields.read(payload, "WeChat");
        String openid = fields.getOrDefault("FromUserName", "").strip();
        if (openid.isEmpty()) {
            throw new IllegalArgumentException("a WeChat message without FromUserName");
        }
        ChatRef chat = ChatRef.privateChat(CHANNEL, openid);
        Person from = person(openid);
        String type = fields.getOrDefault("MsgType", "").toLowerCase(Locale.ROOT);
        if (type.equals("event")) {
            return event(chat, from, fields);
        }
        var events = new ArrayList<Inbound>();
        if (type.equals("text")) {
            String menuChoice = fields.getOrDefault("bizmsgmenuid", "").strip();
            if (!menuChoice.isEmpty()) {
                events.add(new Inbound.ButtonPress(chat, from, "wx-menu:" + fields.getOrDefault("MsgId", ""), menuChoice, null));
            } else {
                events.add(CommandText.parse(chat, from, fields.getOrDefault("Content", ""), null));
            }
        } else {
            events.add(new Inbound.Text(chat, from, ""));
        }
        events.add(new Inbound.Interaction(chat, from, "message"));
        return events;
    }

    private List<Inbound> event(ChatRef chat, Person from, Map<String, String> fields) {
        String event = fields.getOrDefault("Event", "").toLowerCase(Locale.ROOT);
        String key = fields.getOrDefault("EventKey", "").strip();
        return switch (event) {
            case "subscribe" -> followed(chat, from, key.startsWith("qrscene_") ? key.substring(8) : "");
            case "scan" -> List.of(new Inbound.Command(chat, from, "start", key), new Inbound.Interaction(chat, from, "scan"));
            case "unsubscribe" -> List.of(new Inbound.BotMembership(chat, from, false));
            case "click" -> key.isEmpty() ? List.of()
                    : List.of(CommandText.parse(chat, from, key, null), new Inbound.Interaction(chat, from, "menu"));
            default -> List.of();
        };
    }

    private List<Inbound> followed(ChatRef chat, Person from, String scene) {
        var events = new ArrayList<Inbound>(List.of(new Inbound.Command(chat, from, "start", scene),
                new Inbound.Interaction(chat, from, "follow")));
        unionIds.apply(from.userId()).filter(union -> !union.isBlank())
                .ifPresent(union -> events.add(new Inbound.Identified(chat, from, union)));
        return events;
    }

    /** WeChat tells no name: the follower is 微信用户 and the last four characters of the openid until they give one. */
    static Person person(String openid) {
        String tail = openid.length() > 4 ? openid.substring(openid.length() - 4) : openid;
        return new Person(CHANNEL, openid, "微信用户 " + tail, null, null, false);
    }
}
