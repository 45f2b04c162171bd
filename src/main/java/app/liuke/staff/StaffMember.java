package app.liuke.staff;

/** A member of staff; the group and Telegram id may be unknown. */
public record StaffMember(long id, String name, Role role, Long groupId, String groupName, Long telegramUserId) {
}
