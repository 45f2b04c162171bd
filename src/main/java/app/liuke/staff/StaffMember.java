package app.liuke.staff;

import app.liuke.channel.ChatRef;
import java.util.Optional;

/** A member of staff; the group, Telegram id, WeChat openid and WeCom userid may be unknown. */
public record StaffMember(long id, String name, Role role, Long groupId, String groupName, Long telegramUserId,
                          String wechatOpenId, String wecomUserId) {
    public StaffMember(long id, String name, Role role, Long groupId, String groupName, Long telegramUserId) {
        this(id, name, role, groupId, groupName, telegramUserId, null, null);
    }

    /**
     * Where staff messages reach them: the WeCom app (made for staff), else Telegram, else WeChat (only
     * inside its reply window); empty when none is known.
     */
    public Optional<ChatRef> chat() {
        if (wecomUserId != null) {
            return Optional.of(ChatRef.privateChat("wecom-app", wecomUserId));
        }
        if (telegramUserId != null) {
            return Optional.of(ChatRef.privateChat("telegram", telegramUserId.toString()));
        }
        return wechatOpenId == null ? Optional.empty() : Optional.of(ChatRef.privateChat("wechat", wechatOpenId));
    }
}
