package app.liuke.simulate;

import app.liuke.channel.ChatRef;
import java.time.Instant;

/**
 * What the simulation knows about one of its customers: how to reach them (null: not on a chat), how
 * often they buy (days between purchases on average; quiet customers buy rarely), when they opted out
 * and when they last did something in chat. Mutable; used by the simulation's thread only.
 */
final class SimCustomer {
    final long id;
    final String name;
    final ChatRef chat;
    final String store;
    final Long staffId;
    double gapDays;
    Instant optedOutAt;
    Instant lastChatAt;

    SimCustomer(long id, String name, ChatRef chat, String store, Long staffId, double gapDays, Instant optedOutAt) {
        this.id = id;
        this.name = name;
        this.chat = chat;
        this.store = store;
        this.staffId = staffId;
        this.gapDays = gapDays;
        this.optedOutAt = optedOutAt;
    }

    boolean onTelegram() {
        return chat != null && chat.channel().equals("telegram");
    }

    /** A reply is a message that follows something the customer did in chat within the hour. */
    boolean justActed(Instant at) {
        return lastChatAt != null && !at.isBefore(lastChatAt) && at.getEpochSecond() - lastChatAt.getEpochSecond() <= 3600;
    }
}
