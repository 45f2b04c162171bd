package app.liuke.group;

/** A loyal-customer group (客户群) registered by a manager. */
public record ChatGroup(long id, String channel, String chatId, boolean active) {
}
