package app.liuke.customer;

import app.liuke.shared.InvalidInput;
import java.util.Locale;

/** How a customer was contacted for a follow-up (回访). */
public enum FollowUpMethod {
    PHONE, CHAT, VISIT, SMS, OTHER;

    /** Reads phone/电话, chat/微信/聊天, visit/到店, sms/短信, other/其他; blank means chat. */
    public static FollowUpMethod parse(String text) {
        if (text == null || text.isBlank()) {
            return CHAT;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "phone", "电话" -> PHONE;
            case "chat", "微信", "聊天", "telegram" -> CHAT;
            case "visit", "到店", "面谈" -> VISIT;
            case "sms", "短信" -> SMS;
            case "other", "其他" -> OTHER;
            default -> throw new InvalidInput("method", "error.followUp.method", text.strip());
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
