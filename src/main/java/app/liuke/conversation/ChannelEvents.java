package app.liuke.conversation;

import app.liuke.outbox.DeliveryEvents;
import app.liuke.store.Handle;
import java.time.Clock;

/**
 * What sending taught us: a private chat that answers 403 means the person blocked the bot (their
 * identity is marked unreachable); a group that answers 403 no longer has the bot; a moved group
 * keeps its registration under the new id.
 */
public final class ChannelEvents implements DeliveryEvents {
    private final Members members;
    private final GroupEvents groups;
    private final Clock clock;

    ChannelEvents(Members members, GroupEvents groups, Clock clock) {
        this.members = members;
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    public void unreachable(Handle handle, String channel, String chatId, String reason) {
        members.markUnreachable(handle, channel, chatId, clock.instant());
        handle.update("UPDATE chat_group SET active = 0 WHERE channel = :channel AND chat_id = :chat",
                "channel", channel, "chat", chatId);
    }

    @Override
    public void chatMoved(Handle handle, String channel, String oldChatId, String newChatId) {
        groups.moved(handle, channel, oldChatId, newChatId);
    }
}
