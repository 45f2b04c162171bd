package app.liuke.staff;

import app.liuke.channel.ChatRef;
import java.util.Optional;

/** A member of staff; the group, Telegram id and WeChat openid may be unknown. */
public record StaffMember(long id, String name, Role role, Long groupId, String groupName, Long telegramUserId,
                          String wechatOpenId) {
    public StaffMember(long id, String name, Role role, Long groupId, String groupName, Long telegramUserId) {
        this(id, name, role, groupId, groupName, telegramUserId, null);
    }

    /** Where staff messages reach them: their Telegram chat, else their WeChat chat; empty when neither is known. */
    public Optional<ChatRef> chat() {
        if (telegramUserId != null) {
            return Optional.of(ChatRef.privateChat("telegram", telegramUserId.toString()));
        }
        return wechatOpenId == null ? Optional.empty() : Optional.of(ChatRef.privateChat("wechat", wechatOpenId));
    }
}
