package app.liuke.channel;

import java.util.List;

/** Something that happened on a channel, in channel-neutral terms. Adapters make these; nothing else sees platform types. */
public sealed interface Inbound {
    ChatRef chat();

    /** A plain message. */
    record Text(ChatRef chat, Person from, String text) implements Inbound {
    }

    /** A message that starts with a command: {@code /sale 8866 1280 ring} is name "sale", args "8866 1280 ring". */
    record Command(ChatRef chat, Person from, String name, String args) implements Inbound {
    }

    /** A press on one of our buttons; it must always be answered. */
    record ButtonPress(ChatRef chat, Person from, String callbackId, String data, String messageId) implements Inbound {
    }

    /** People joined a group; {@code inviteLink} is the name of the invite link they used, when known. */
    record MembersJoined(ChatRef chat, List<Person> members, String inviteLink) implements Inbound {
        public MembersJoined {
            members = List.copyOf(members);
        }
    }

    /** Someone left (or was removed from) a group. */
    record MemberLeft(ChatRef chat, Person member) implements Inbound {
    }

    /** The bot was blocked or unblocked in a private chat, or removed from or added to a group. */
    record BotMembership(ChatRef chat, Person by, boolean active) implements Inbound {
    }

    /**
     * The person did something that opens the channel's reply window (WeChat: sent a message, clicked
     * the menu, followed, scanned a code); {@code kind} is message, menu, follow or scan. No reply.
     */
    record Interaction(ChatRef chat, Person from, String kind) implements Inbound {
    }

    /**
     * The platform says who the person is across its accounts (WeChat's unionid, shared by a person's
     * Official Account, Mini Program and WeCom identities): records that share it are one customer.
     */
    record Identified(ChatRef chat, Person from, String unionId) implements Inbound {
    }

    /**
     * A change in a staff member's contact with a customer (WeCom 客户联系): {@code change} is add, edit,
     * del_external (staff deleted the customer), del_follow (the customer deleted the staff member) or
     * transfer_fail; {@code staffUserId} the staff member's userid; {@code details} e.g. state, welcomeCode, failReason.
     */
    record ContactChange(ChatRef chat, Person customer, String change, String staffUserId, java.util.Map<String, String> details)
            implements Inbound {
        public ContactChange {
            details = java.util.Map.copyOf(details);
        }
    }

    /** Who is in a customer group now (WeCom 客户群, after a create or update), or that it was dismissed. */
    record GroupRoster(ChatRef chat, String title, List<Person> members, boolean dismissed) implements Inbound {
        public GroupRoster {
            members = List.copyOf(members);
        }
    }

    /** A group became a supergroup with a new id. */
    record ChatMigrated(ChatRef chat, String newChatId) implements Inbound {
    }
}
