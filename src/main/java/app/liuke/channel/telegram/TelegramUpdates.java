package app.liuke.channel.telegram;

import app.liuke.channel.ChatRef;
import app.liuke.channel.CommandText;
import app.liuke.channel.Inbound;
import app.liuke.channel.Person;
import app.liuke.channel.UpdateTranslator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Reads a Telegram update (as stored in the inbox) into channel-neutral events. The only place
 * besides {@link TelegramGateway} that knows Telegram's types. Thread-safe.
 */
public final class TelegramUpdates implements UpdateTranslator {
    public static final String CHANNEL = "telegram";
    private static final Set<String> PRESENT = Set.of("member", "administrator", "creator", "restricted");
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Supplier<String> botUsername;

    public TelegramUpdates(Supplier<String> botUsername) {
        this.botUsername = botUsername;
    }

    @Override
    public List<Inbound> translate(String payload) {
        Update update;
        try {
            update = JSON.readValue(payload, Update.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Telegram update: " + e.getOriginalMessage());
        }
        if (update.getMessage() != null) {
            return message(update.getMessage());
        }
        if (update.getCallbackQuery() != null) {
            return List.of(buttonPress(update.getCallbackQuery()));
        }
        if (update.getMyChatMember() != null) {
            return List.of(botMembership(update.getMyChatMember()));
        }
        if (update.getChatMember() != null) {
            return memberChange(update.getChatMember());
        }
        return List.of();
    }

    private List<Inbound> message(Message message) {
        ChatRef chat = chat(message.getChat());
        if (message.getMigrateToChatId() != null) {
            return List.of(new Inbound.ChatMigrated(chat, message.getMigrateToChatId().toString()));
        }
        if (message.getNewChatMembers() != null && !message.getNewChatMembers().isEmpty()) {
            List<Person> people = message.getNewChatMembers().stream()
                    .filter(user -> !Boolean.TRUE.equals(user.getIsBot()))
                    .map(TelegramUpdates::person).toList();
            return people.isEmpty() ? List.of() : List.of(new Inbound.MembersJoined(chat, people, null));
        }
        if (message.getLeftChatMember() != null) {
            User left = message.getLeftChatMember();
            return Boolean.TRUE.equals(left.getIsBot()) ? List.of() : List.of(new Inbound.MemberLeft(chat, person(left)));
        }
        if (message.getFrom() == null || Boolean.TRUE.equals(message.getFrom().getIsBot())) {
            return List.of();
        }
        Person from = person(message.getFrom());
        String text = message.getText() == null ? "" : message.getText();
        return List.of(CommandText.parse(chat, from, text, botUsername.get()));
    }

    private static Inbound buttonPress(CallbackQuery query) {
        if (query.getId() == null || query.getId().isBlank() || query.getFrom() == null) {
            throw new IllegalArgumentException("a callback_query without an id or sender");
        }
        Person from = person(query.getFrom());
        var message = query.getMessage();
        ChatRef chat = message != null && message.getChat() != null ? chat(message.getChat())
                : ChatRef.privateChat(CHANNEL, from.userId());
        String messageId = message == null || message.getMessageId() == null ? null : message.getMessageId().toString();
        return new Inbound.ButtonPress(chat, from, query.getId(), query.getData() == null ? "" : query.getData(), messageId);
    }

    private static Inbound botMembership(ChatMemberUpdated change) {
        String status = change.getNewChatMember() == null ? "left" : change.getNewChatMember().getStatus();
        return new Inbound.BotMembership(chat(change.getChat()), person(change.getFrom()), PRESENT.contains(status));
    }

    private static List<Inbound> memberChange(ChatMemberUpdated change) {
        ChatRef chat = chat(change.getChat());
        var member = change.getNewChatMember();
        if (member == null || member.getUser() == null || Boolean.TRUE.equals(member.getUser().getIsBot())) {
            return List.of();
        }
        boolean was = change.getOldChatMember() != null && PRESENT.contains(change.getOldChatMember().getStatus());
        boolean is = PRESENT.contains(member.getStatus());
        var events = new ArrayList<Inbound>();
        if (!was && is) {
            String link = change.getInviteLink() == null ? null : change.getInviteLink().getName();
            events.add(new Inbound.MembersJoined(chat, List.of(person(member.getUser())), link));
        } else if (was && !is) {
            events.add(new Inbound.MemberLeft(chat, person(member.getUser())));
        }
        return events;
    }

    static ChatRef chat(Chat chat) {
        return new ChatRef(CHANNEL, chat.getId().toString(), !"private".equals(chat.getType()));
    }

    static Person person(User user) {
        String name = user.getFirstName() == null ? "" : user.getFirstName();
        if (user.getLastName() != null && !user.getLastName().isBlank()) {
            name = name + " " + user.getLastName();
        }
        return new Person(CHANNEL, user.getId().toString(), name, user.getUserName(), user.getLanguageCode(), false);
    }
}
