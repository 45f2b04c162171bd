package app.liuke.conversation;

import app.liuke.channel.Button;
import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.channel.Person;
import app.liuke.staff.StaffMember;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One inbound event being handled: where it came from, who sent it (and whether they are staff),
 * in which language to answer, the transaction, and the replies collected so far. Not thread-safe;
 * lives for one event.
 */
public final class Chat {
    private final Handle handle;
    private final ChatRef where;
    private final Person who;
    private final Instant now;
    private final String language;
    private final Optional<StaffMember> staff;
    private final ChatTexts texts;
    private final List<Outbound> replies;

    Chat(Handle handle, ChatRef where, Person who, Instant now, String language, Optional<StaffMember> staff, ChatTexts texts) {
        this(handle, where, who, now, language, staff, texts, new ArrayList<>());
    }

    private Chat(Handle handle, ChatRef where, Person who, Instant now, String language, Optional<StaffMember> staff,
                 ChatTexts texts, List<Outbound> replies) {
        this.replies = replies;
        this.handle = handle;
        this.where = where;
        this.who = who;
        this.now = now;
        this.language = language;
        this.staff = staff;
        this.texts = texts;
    }

    public Handle handle() {
        return handle;
    }

    public ChatRef where() {
        return where;
    }

    public Person who() {
        return who;
    }

    public Instant now() {
        return now;
    }

    public String language() {
        return language;
    }

    public Optional<StaffMember> staff() {
        return staff;
    }

    public boolean inGroup() {
        return where.group();
    }

    /** The private chat with the sender (for anything personal asked in a group). */
    public ChatRef privateChat() {
        return ChatRef.privateChat(who.channel(), who.userId());
    }

    /** The same event, answering in the sender's private chat (replies are collected together). */
    public Chat forPrivate() {
        return new Chat(handle, privateChat(), who, now, language, staff, texts, replies);
    }

    public String text(String key, Object... vars) {
        return texts.get(language, key, vars);
    }

    /** Replies in this chat with the text for {@code key}. */
    public void say(String key, Object... vars) {
        reply(text(key, vars));
    }

    public void reply(String text) {
        replies.add(new Outbound.SendText(where, text));
    }

    public void reply(String text, List<List<Button>> buttons) {
        replies.add(new Outbound.SendText(where, text, buttons));
    }

    public void send(Outbound message) {
        replies.add(message);
    }

    List<Outbound> replies() {
        return replies;
    }

    /** How many replies there are now; {@link #dropRepliesAfter} forgets the ones added since (a command that failed). */
    int replyCount() {
        return replies.size();
    }

    void dropRepliesAfter(int count) {
        replies.subList(count, replies.size()).clear();
    }
}
