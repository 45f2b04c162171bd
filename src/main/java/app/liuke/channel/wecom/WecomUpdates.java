package app.liuke.channel.wecom;

import app.liuke.channel.ChatRef;
import app.liuke.channel.CommandText;
import app.liuke.channel.Inbound;
import app.liuke.channel.Person;
import app.liuke.channel.UpdateTranslator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a WeCom callback (its fields, as stored in the inbox) into channel-neutral events:
 * <ul>
 *   <li>a staff member's message in the app is a command or text in chat {@code wecom-app:USERID};</li>
 *   <li>{@code change_external_contact} is an {@link Inbound.ContactChange} of the customer
 *       {@code wecom:EXTERNAL_USERID} (add and edit look the contact up for their name and unionid);</li>
 *   <li>{@code change_external_chat} is a {@link Inbound.GroupRoster} of {@code wecom-group:CHAT_ID}, with
 *       the members WeCom lists now (the event itself does not say who joined or left).</li>
 * </ul>
 * The look-ups run here, on the chat's worker and outside any transaction. Thread-safe.
 */
public final class WecomUpdates implements UpdateTranslator {
    /** The inbox channel of every WeCom callback, and the identity channel of external contacts. */
    public static final String CHANNEL = "wecom";
    /** Staff members' chats with the app. */
    public static final String APP = "wecom-app";
    /** Customer groups (客户群), reached through their robots. */
    public static final String GROUP = "wecom-group";
    /** The fields that tell one event from another (events have no MsgId). */
    public static final List<String> EVENT_KEY = List.of("FromUserName", "CreateTime", "Event", "ChangeType", "UserID",
            "ExternalUserID", "ChatId", "UpdateDetail", "WelcomeCode");
    private static final Pattern REGISTER = Pattern.compile("\\s*/group\\s+register\\s+(\\S{1,64})\\s*");
    private final Function<String, Optional<WecomAccount.Contact>> contacts;
    private final Function<String, Optional<WecomAccount.Roster>> rosters;

    public WecomUpdates(Function<String, Optional<WecomAccount.Contact>> contacts,
                        Function<String, Optional<WecomAccount.Roster>> rosters) {
        this.contacts = contacts;
        this.rosters = rosters;
    }

    /** The key that keeps one chat's callbacks in order: the customer's, the group's, or the staff member's; null: none. */
    public static String chatKey(Map<String, String> fields) {
        String event = fields.getOrDefault("Event", "").toLowerCase(Locale.ROOT);
        if (event.equals("change_external_contact") && !fields.getOrDefault("ExternalUserID", "").isBlank()) {
            return CHANNEL + ":" + fields.get("ExternalUserID").strip();
        }
        if (event.equals("change_external_chat") && !fields.getOrDefault("ChatId", "").isBlank()) {
            return GROUP + ":" + fields.get("ChatId").strip();
        }
        String from = fields.getOrDefault("FromUserName", "").strip();
        return from.isEmpty() ? null : APP + ":" + from;
    }

    @Override
    public List<Inbound> translate(String payload) {
        Map<String, String> fields = app.liuke.channel.weixin.WeixinFields.read(payload, "WeCom");
        String type = fields.getOrDefault("MsgType", "").toLowerCase(Locale.ROOT);
        String event = fields.getOrDefault("Event", "").toLowerCase(Locale.ROOT);
        if (type.equals("event") && event.equals("change_external_contact")) {
            return contact(fields);
        }
        if (type.equals("event") && event.equals("change_external_chat")) {
            return group(fields.getOrDefault("ChatId", "").strip(), fields.getOrDefault("ChangeType", "").equals("dismiss"));
        }
        if (type.equals("event")) {
            return List.of();
        }
        String userId = fields.getOrDefault("FromUserName", "").strip();
        if (userId.isEmpty()) {
            throw new IllegalArgumentException("a WeCom message without FromUserName");
        }
        ChatRef chat = ChatRef.privateChat(APP, userId);
        Person staff = new Person(APP, userId, userId, null, null, false);
        if (!type.equals("text")) {
            return List.of(new Inbound.Text(chat, staff, ""));
        }
        String text = fields.getOrDefault("Content", "");
        var register = REGISTER.matcher(text);
        if (register.matches()) {
            var events = new ArrayList<Inbound>();
            events.add(new Inbound.Command(new ChatRef(GROUP, register.group(1), true), staff, "group", "register"));
            events.addAll(group(register.group(1), false));
            return events;
        }
        return List.of(CommandText.parse(chat, staff, text, null));
    }

    private List<Inbound> contact(Map<String, String> fields) {
        String external = fields.getOrDefault("ExternalUserID", "").strip();
        if (external.isEmpty()) {
            return List.of();
        }
        String change = switch (fields.getOrDefault("ChangeType", "")) {
            case "add_external_contact", "add_half_external_contact" -> "add";
            case "edit_external_contact" -> "edit";
            case "del_external_contact" -> "del_external";
            case "del_follow_user" -> "del_follow";
            case "transfer_fail" -> "transfer_fail";
            default -> "";
        };
        if (change.isEmpty()) {
            return List.of();
        }
        Optional<WecomAccount.Contact> known = change.equals("add") || change.equals("edit") ? contacts.apply(external) : Optional.empty();
        ChatRef chat = ChatRef.privateChat(CHANNEL, external);
        String name = known.map(WecomAccount.Contact::name).filter(n -> !n.isBlank()).orElse(null);
        Person customer = new Person(CHANNEL, external, name, null, null, false);
        var details = new HashMap<String, String>();
        for (String field : List.of("State", "WelcomeCode", "FailReason")) {
            String value = fields.get(field);
            if (value != null && !value.isBlank()) {
                details.put(field, value.strip());
            }
        }
        var events = new ArrayList<Inbound>();
        events.add(new Inbound.ContactChange(chat, customer, change, fields.getOrDefault("UserID", "").strip(), details));
        known.map(WecomAccount.Contact::unionId).filter(union -> union != null && !union.isBlank())
                .ifPresent(union -> events.add(new Inbound.Identified(chat, customer, union)));
        return events;
    }

    private List<Inbound> group(String chatId, boolean dismissed) {
        if (chatId.isEmpty()) {
            return List.of();
        }
        ChatRef chat = new ChatRef(GROUP, chatId, true);
        if (dismissed) {
            return List.of(new Inbound.GroupRoster(chat, null, List.of(), true));
        }
        return rosters.apply(chatId).map(roster -> List.<Inbound>of(new Inbound.GroupRoster(chat, roster.name(),
                roster.members().stream().filter(member -> member.type() == 2)
                        .map(member -> new Person(CHANNEL, member.userId(), member.name(), null, null, false)).toList(), false)))
                .orElse(List.of());
    }
}
