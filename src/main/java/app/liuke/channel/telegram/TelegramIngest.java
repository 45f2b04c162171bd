package app.liuke.channel.telegram;

import app.liuke.channel.IncomingUpdate;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * The webhook's quick read of an update: just its id and the chat it belongs to (for ordering),
 * in one streaming pass that also proves the body is well-formed JSON.
 * The full reading happens later, in {@link TelegramUpdates}. Stateless.
 */
public final class TelegramIngest {
    private static final JsonFactory JSON = new JsonFactory();
    /** Where the chat id may be, best first, innermost name first. */
    private static final List<String[]> CHAT_PATHS = List.of(
            new String[] {"id", "chat", "message"}, new String[] {"id", "chat", "edited_message"},
            new String[] {"id", "chat", "message", "callback_query"}, new String[] {"id", "from", "callback_query"},
            new String[] {"id", "chat", "my_chat_member"}, new String[] {"id", "chat", "chat_member"},
            new String[] {"id", "chat", "channel_post"});

    private TelegramIngest() {
    }

    /** Which of {@link #CHAT_PATHS} the current value sits at, or -1; compares names without building the path. */
    private static int chatPath(JsonStreamContext context) {
        for (int path = 0; path < CHAT_PATHS.size(); path++) {
            String[] names = CHAT_PATHS.get(path);
            JsonStreamContext level = context;
            int i = 0;
            while (i < names.length && level != null && level.inObject() && names[i].equals(level.getCurrentName())) {
                level = level.getParent();
                i++;
            }
            if (i == names.length && level != null && level.inRoot()) {
                return path;
            }
        }
        return -1;
    }

    /** Reads the body; an {@link IllegalArgumentException} says in words what is wrong with it. */
    public static IncomingUpdate read(byte[] body) {
        long updateId = -1;
        var chats = new String[CHAT_PATHS.size()];
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the body is not a Telegram update object");
            }
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.VALUE_NUMBER_INT) {
                    continue;
                }
                String name = parser.currentName();
                if ("update_id".equals(name) && parser.getParsingContext().getParent().inRoot()) {
                    updateId = parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? -1 : parser.getLongValue();
                } else if ("id".equals(name)) {
                    int path = chatPath(parser.getParsingContext());
                    if (path >= 0) {
                        chats[path] = "telegram:" + parser.getText();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON");
        } catch (IOException e) {
            throw new IllegalArgumentException("the body could not be read");
        }
        if (updateId < 0) {
            throw new IllegalArgumentException("update_id is missing or not a whole number");
        }
        String chatKey = java.util.Arrays.stream(chats).filter(java.util.Objects::nonNull).findFirst().orElse("telegram:other");
        return new IncomingUpdate(TelegramUpdates.CHANNEL, updateId, chatKey, new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
}
