package app.liuke.outbox;

import app.liuke.store.Handle;

/** What the dispatcher learns about chats while sending, for the archive to record. Runs in the dispatcher's transaction. */
public interface DeliveryEvents {
    /** The person blocked the bot, or the chat no longer exists. */
    void unreachable(Handle handle, String channel, String chatId, String reason);

    /** A group became a supergroup with a new id. */
    void chatMoved(Handle handle, String channel, String oldChatId, String newChatId);
}
