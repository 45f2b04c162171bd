package app.liuke.channel.telegram;

import app.liuke.channel.IncomingUpdate;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The webhook's quick read of an update: just its id and the chat it belongs to (for ordering).
 * The full reading happens later, in {@link TelegramUpdates}. Stateless.
 */
public final class TelegramIngest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CHAT_PATHS = {
        "/message/chat/id", "/edited_message/chat/id", "/callback_query/message/chat/id", "/callback_query/from/id",
        "/my_chat_member/chat/id", "/chat_member/chat/id", "/channel_post/chat/id"};

    private TelegramIngest() {
    }

    /** Reads the body; an {@link IllegalArgumentException} says in words what is wrong with it. */
    public static IncomingUpdate read(byte[] body) {
        JsonNode update;
        try {
            update = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON");
        } catch (IOException e) {
            throw new IllegalArgumentException("the body could not be read");
        }
        if (update == null || !update.isObject()) {
            throw new IllegalArgumentException("the body is not a Telegram update object");
        }
        JsonNode id = update.get("update_id");
        if (id == null || !id.canConvertToLong() || !id.isIntegralNumber() || id.asLong() < 0) {
            throw new IllegalArgumentException("update_id is missing or not a whole number");
        }
        return new IncomingUpdate(TelegramUpdates.CHANNEL, id.asLong(), chatKey(update), new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String chatKey(JsonNode update) {
        for (String path : CHAT_PATHS) {
            JsonNode chat = update.at(path);
            if (chat.isIntegralNumber()) {
                return "telegram:" + chat.asLong();
            }
        }
        return "telegram:other";
    }
}
