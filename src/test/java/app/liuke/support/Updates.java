package app.liuke.support;

import java.util.concurrent.atomic.AtomicLong;

/** Real-shaped Telegram update JSON for tests: private messages, commands, button presses, group events. */
public final class Updates {
    private static final AtomicLong NEXT_ID = new AtomicLong(5_000);
    private static final long DATE = 1_773_540_000L;

    private Updates() {
    }

    public static long nextId() {
        return NEXT_ID.incrementAndGet();
    }

    public static String user(long id, String firstName) {
        return "{\"id\":" + id + ",\"is_bot\":false,\"first_name\":" + quote(firstName) + ",\"language_code\":\"zh-hans\"}";
    }

    /** A private text message (a command gets its bot_command entity, as Telegram sends it). */
    public static String privateText(long updateId, long userId, String firstName, String text) {
        return message(updateId, user(userId, firstName), "{\"id\":" + userId + ",\"first_name\":" + quote(firstName)
                + ",\"type\":\"private\"}", text);
    }

    public static String groupText(long updateId, long chatId, long userId, String firstName, String text) {
        return message(updateId, user(userId, firstName), group(chatId), text);
    }

    private static String message(long updateId, String from, String chat, String text) {
        String entities = text.startsWith("/")
                ? ",\"entities\":[{\"offset\":0,\"length\":" + text.split("\\s")[0].length() + ",\"type\":\"bot_command\"}]" : "";
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + (updateId % 100_000) + ",\"from\":" + from
                + ",\"chat\":" + chat + ",\"date\":" + DATE + ",\"text\":" + quote(text) + entities + "}}";
    }

    public static String buttonPress(long updateId, long userId, String firstName, String data, int messageId) {
        return "{\"update_id\":" + updateId + ",\"callback_query\":{\"id\":\"cb" + updateId + "\",\"from\":" + user(userId, firstName)
                + ",\"message\":{\"message_id\":" + messageId + ",\"date\":" + DATE + ",\"chat\":{\"id\":" + userId
                + ",\"type\":\"private\"},\"text\":\"...\"},\"chat_instance\":\"42\",\"data\":" + quote(data) + "}}";
    }

    /** A button under a message in a group, pressed by {@code userId}. */
    public static String groupButtonPress(long updateId, long chatId, long userId, String firstName, String data, int messageId) {
        return "{\"update_id\":" + updateId + ",\"callback_query\":{\"id\":\"cb" + updateId + "\",\"from\":" + user(userId, firstName)
                + ",\"message\":{\"message_id\":" + messageId + ",\"date\":" + DATE + ",\"chat\":" + group(chatId)
                + ",\"text\":\"...\"},\"chat_instance\":\"43\",\"data\":" + quote(data) + "}}";
    }

    /** A chat_member update: someone joined (left → member), through the named invite link if given. */
    public static String memberJoined(long updateId, long chatId, long userId, String firstName, String inviteLinkName) {
        String link = inviteLinkName == null ? "" : ",\"invite_link\":{\"invite_link\":\"https://t.me/+abc\",\"creator\":"
                + user(1, "Boss") + ",\"creates_join_request\":false,\"is_primary\":false,\"is_revoked\":false,\"name\":"
                + quote(inviteLinkName) + "}";
        return "{\"update_id\":" + updateId + ",\"chat_member\":{\"chat\":" + group(chatId) + ",\"from\":" + user(userId, firstName)
                + ",\"date\":" + DATE + ",\"old_chat_member\":{\"status\":\"left\",\"user\":" + user(userId, firstName)
                + "},\"new_chat_member\":{\"status\":\"member\",\"user\":" + user(userId, firstName) + "}" + link + "}}";
    }

    public static String memberLeft(long updateId, long chatId, long userId, String firstName) {
        return "{\"update_id\":" + updateId + ",\"chat_member\":{\"chat\":" + group(chatId) + ",\"from\":" + user(userId, firstName)
                + ",\"date\":" + DATE + ",\"old_chat_member\":{\"status\":\"member\",\"user\":" + user(userId, firstName)
                + "},\"new_chat_member\":{\"status\":\"left\",\"user\":" + user(userId, firstName) + "}}}";
    }

    /** my_chat_member in a private chat: the user blocked the bot (kicked). */
    public static String botBlocked(long updateId, long userId, String firstName) {
        String bot = "{\"id\":999000,\"is_bot\":true,\"first_name\":\"Liuke\",\"username\":\"" + FakeBotApi.BOT_USERNAME + "\"}";
        return "{\"update_id\":" + updateId + ",\"my_chat_member\":{\"chat\":{\"id\":" + userId + ",\"first_name\":" + quote(firstName)
                + ",\"type\":\"private\"},\"from\":" + user(userId, firstName) + ",\"date\":" + DATE
                + ",\"old_chat_member\":{\"status\":\"member\",\"user\":" + bot + "},\"new_chat_member\":{\"status\":\"kicked\",\"user\":"
                + bot + ",\"until_date\":0}}}";
    }

    /** The service message Telegram sends in the old group when it becomes a supergroup. */
    public static String migrated(long updateId, long oldChatId, long newChatId) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":7,\"from\":" + user(1, "Boss") + ",\"chat\":"
                + group(oldChatId) + ",\"date\":" + DATE + ",\"migrate_to_chat_id\":" + newChatId + "}}";
    }

    private static String group(long chatId) {
        return "{\"id\":" + chatId + ",\"title\":\"金店老顾客群\",\"type\":\"group\"}";
    }

    public static String quote(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
