package app.liuke.conversation;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Inbound;
import app.liuke.channel.Person;
import app.liuke.conversation.script.BotScripts;
import app.liuke.staff.StaffDirectory;
import app.liuke.staff.StaffMember;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is speaking and how to answer them: the sender of an event, whether they are staff (by
 * Telegram id or WeChat openid, or the web chat's proven admin token), and the language (the sender's in private,
 * the shop's in groups). Stateless and thread-safe.
 */
final class Speakers {
    private final StaffDirectory staff;
    private final ChatTexts texts;
    private final Locale shopLocale;

    Speakers(StaffDirectory staff, ChatTexts texts, Locale shopLocale) {
        this.staff = staff;
        this.texts = texts;
        this.shopLocale = shopLocale;
    }

    Chat chat(Handle handle, ChatRef where, Person who, Instant now) {
        String language = where.group() || who == null ? BotScripts.language(null, shopLocale)
                : BotScripts.language(who.language(), shopLocale);
        Person person = who != null ? who : new Person(where.channel(), where.chatId(), "", null, null, false);
        return new Chat(handle, where, person, now, language, staffOf(handle, person, language, now), texts);
    }

    private Optional<StaffMember> staffOf(Handle handle, Person person, String language, Instant now) {
        if (person.shopAdmin()) {
            return Optional.of(staff.webAdmin(handle, texts.get(language, "role.owner"), now));
        }
        if ("telegram".equals(person.channel()) && person.userId().matches("\\d{1,18}")) {
            return staff.byTelegramUser(handle, Long.parseLong(person.userId()));
        }
        if ("wechat".equals(person.channel())) {
            return staff.byWechatOpenId(handle, person.userId());
        }
        if ("wecom-app".equals(person.channel())) {
            return staff.byWecomUserId(handle, person.userId());
        }
        return Optional.empty();
    }

    /** The person behind an event, or null for events no one in particular sent (joins, migrations). */
    static Person sender(Inbound event) {
        if (event instanceof Inbound.Text text) {
            return text.from();
        }
        if (event instanceof Inbound.Command command) {
            return command.from();
        }
        if (event instanceof Inbound.ButtonPress press) {
            return press.from();
        }
        if (event instanceof Inbound.BotMembership membership) {
            return membership.by();
        }
        return null;
    }
}
