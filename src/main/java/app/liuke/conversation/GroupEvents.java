package app.liuke.conversation;

import app.liuke.channel.Inbound;
import app.liuke.channel.Person;
import app.liuke.group.ChatGroup;
import app.liuke.group.Groups;
import app.liuke.staff.StaffDirectory;
import app.liuke.tier.Classifier;
import java.time.Instant;
import java.util.Optional;

/**
 * What happens in managed groups: joiners are linked to customer records (new ones start as
 * potential customers) and welcomed by name, loyal customers with their 老买家 honour; leaves are
 * noted; every message counts as group activity. Nothing here ever shows personal data in the group.
 */
final class GroupEvents {
    private final Groups groups;
    private final Members members;
    private final StaffDirectory staff;
    private final Classifier classifier;
    private final Dialogues dialogues;
    private final DialogueStates states;

    GroupEvents(Groups groups, Members members, StaffDirectory staff, Classifier classifier, Dialogues dialogues,
                DialogueStates states) {
        this.states = states;
        this.groups = groups;
        this.members = members;
        this.staff = staff;
        this.classifier = classifier;
        this.dialogues = dialogues;
    }

    void joined(Chat groupChat, Inbound.MembersJoined event) {
        Optional<ChatGroup> group = managed(groupChat);
        if (group.isEmpty()) {
            return;
        }
        for (Person person : event.members()) {
            if (isStaff(groupChat, person)) {
                continue;
            }
            long customerId = members.register(groupChat.handle(), person, person.channel() + ":group", groupChat.now()).customerId();
            if (groups.joined(groupChat.handle(), group.get().id(), customerId, event.inviteLink(), groupChat.now())) {
                boolean loyal = "loyal".equals(groupChat.handle().queryOne("SELECT stage FROM customer WHERE id = :id",
                        row -> row.getString(1), "id", customerId).orElse(null));
                dialogues.start(groupChat, "group-welcome", loyal ? "loyal" : "member",
                        "name", ChatInput.name(person.displayName(), ""));
            }
        }
    }

    void left(Chat groupChat, Person person) {
        managed(groupChat).ifPresent(group -> members.customerOf(groupChat.handle(), person)
                .ifPresent(customerId -> groups.left(groupChat.handle(), group.id(), customerId, groupChat.now())));
    }

    /** Any message from a customer in a managed group: activity that keeps them from counting as dormant. */
    void spoke(Chat groupChat) {
        Optional<ChatGroup> group = managed(groupChat);
        if (group.isEmpty() || groupChat.staff().isPresent()) {
            return;
        }
        Instant now = groupChat.now();
        long customerId = members.register(groupChat.handle(), groupChat.who(), groupChat.who().channel() + ":group", now)
                .customerId();
        groups.spoke(groupChat.handle(), group.get().id(), customerId, now);
        classifier.classify(groupChat.handle(), customerId, now);
    }

    /** A group became a supergroup: registration, members and any dialogue follow it to the new id. */
    void moved(app.liuke.store.Handle handle, String channel, String oldChatId, String newChatId) {
        groups.moveChat(handle, channel, oldChatId, newChatId);
        states.moveChat(handle, channel, oldChatId, newChatId);
    }

    void botMembership(Chat groupChat, boolean active) {
        groups.setActive(groupChat.handle(), groupChat.where().channel(), groupChat.where().chatId(), active);
    }

    private Optional<ChatGroup> managed(Chat groupChat) {
        return groups.find(groupChat.handle(), groupChat.where().channel(), groupChat.where().chatId()).filter(ChatGroup::active);
    }

    private boolean isStaff(Chat chat, Person person) {
        return "telegram".equals(person.channel()) && person.userId().matches("\\d{1,19}")
                && staff.byTelegramUser(chat.handle(), Long.parseLong(person.userId())).isPresent();
    }
}
