package app.liuke.group;

import app.liuke.store.Handle;
import java.time.Instant;
import java.util.Optional;

/**
 * Loyal-customer groups and their members: who joined (and through which invite link), who left,
 * and when each member last spoke. A member's last message also sets the customer's
 * {@code last_group_activity_at}, which the stage rules read. Stateless; runs in the caller's transaction.
 */
public final class Groups {
    public enum Registration { REGISTERED, ALREADY }

    public Optional<ChatGroup> find(Handle handle, String channel, String chatId) {
        return handle.queryOne("SELECT id, channel, chat_id, active FROM chat_group WHERE channel = :channel AND chat_id = :chat",
                row -> new ChatGroup(row.getLong(1), row.getString(2), row.getString(3), row.getInt(4) == 1),
                "channel", channel, "chat", chatId);
    }

    /** Makes the chat a managed group (again, if it was deactivated). */
    public Registration register(Handle handle, String channel, String chatId, long staffId, Instant now) {
        Optional<ChatGroup> existing = find(handle, channel, chatId);
        if (existing.isPresent() && existing.get().active()) {
            return Registration.ALREADY;
        }
        handle.update("""
                INSERT INTO chat_group (channel, chat_id, registered_by, registered_at, active)
                VALUES (:channel, :chat, :staff, :now, 1)
                ON CONFLICT (channel, chat_id) DO UPDATE SET active = 1, registered_by = excluded.registered_by""",
                "channel", channel, "chat", chatId, "staff", staffId, "now", now.getEpochSecond());
        return Registration.REGISTERED;
    }

    /** Records a join; true when the customer was not already a present member (so welcome them). */
    public boolean joined(Handle handle, long groupId, long customerId, String inviteLink, Instant now) {
        boolean present = handle.queryLong("""
                SELECT count(*) FROM group_member
                WHERE group_id = :group AND customer_id = :customer AND joined_at IS NOT NULL AND left_at IS NULL""",
                "group", groupId, "customer", customerId) > 0;
        if (present) {
            return false;
        }
        handle.update("""
                INSERT INTO group_member (group_id, customer_id, joined_at, invite_link) VALUES (:group, :customer, :now, :link)
                ON CONFLICT (group_id, customer_id) DO UPDATE SET joined_at = excluded.joined_at, left_at = NULL,
                    invite_link = COALESCE(excluded.invite_link, group_member.invite_link)""",
                "group", groupId, "customer", customerId, "now", now.getEpochSecond(), "link", inviteLink);
        return true;
    }

    public void left(Handle handle, long groupId, long customerId, Instant now) {
        handle.update("UPDATE group_member SET left_at = :now WHERE group_id = :group AND customer_id = :customer",
                "now", now.getEpochSecond(), "group", groupId, "customer", customerId);
    }

    /** A member spoke: their last message time and count, and the customer's group activity. */
    public void spoke(Handle handle, long groupId, long customerId, Instant now) {
        long at = now.getEpochSecond();
        handle.update("""
                INSERT INTO group_member (group_id, customer_id, last_message_at, message_count) VALUES (:group, :customer, :at, 1)
                ON CONFLICT (group_id, customer_id) DO UPDATE SET last_message_at = excluded.last_message_at,
                    message_count = group_member.message_count + 1""",
                "group", groupId, "customer", customerId, "at", at);
        handle.update("UPDATE customer SET last_group_activity_at = max(COALESCE(last_group_activity_at, 0), :at) WHERE id = :id",
                "at", at, "id", customerId);
    }

    /** The bot was removed from (or added back to) the chat. */
    public void setActive(Handle handle, String channel, String chatId, boolean active) {
        handle.update("UPDATE chat_group SET active = :active WHERE channel = :channel AND chat_id = :chat",
                "active", active ? 1 : 0, "channel", channel, "chat", chatId);
    }

    /** A group became a supergroup: it keeps its members and history under the new id. */
    public void moveChat(Handle handle, String channel, String oldChatId, String newChatId) {
        handle.update("UPDATE chat_group SET chat_id = :new WHERE channel = :channel AND chat_id = :old"
                        + " AND NOT EXISTS (SELECT 1 FROM chat_group WHERE channel = :channel AND chat_id = :new)",
                "new", newChatId, "channel", channel, "old", oldChatId);
    }
}
