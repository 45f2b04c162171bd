package app.liuke.conversation;

import app.liuke.channel.ChatRef;
import app.liuke.store.Handle;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Durable dialogue state, one row per chat; it survives restarts. Stateless; runs in the caller's transaction. */
final class DialogueStates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {
    };

    Optional<DialogueState> find(Handle handle, ChatRef chat) {
        return handle.queryOne("SELECT script, step, answers, expires_at FROM dialogue_state WHERE channel = :channel AND chat_id = :chat",
                row -> new DialogueState(row.getString(1), row.getString(2), read(row.getString(3)),
                        Instant.ofEpochSecond(row.getLong(4))),
                "channel", chat.channel(), "chat", chat.chatId());
    }

    void save(Handle handle, ChatRef chat, DialogueState state, Instant now) {
        handle.update("""
                INSERT INTO dialogue_state (channel, chat_id, script, step, answers, expires_at, updated_at)
                VALUES (:channel, :chat, :script, :step, :answers, :expires, :now)
                ON CONFLICT (channel, chat_id) DO UPDATE SET script = excluded.script, step = excluded.step,
                    answers = excluded.answers, expires_at = excluded.expires_at, updated_at = excluded.updated_at""",
                "channel", chat.channel(), "chat", chat.chatId(), "script", state.script(), "step", state.step(),
                "answers", write(state.answers()), "expires", state.expiresAt().getEpochSecond(), "now", now.getEpochSecond());
    }

    boolean clear(Handle handle, ChatRef chat) {
        return handle.update("DELETE FROM dialogue_state WHERE channel = :channel AND chat_id = :chat",
                "channel", chat.channel(), "chat", chat.chatId()) > 0;
    }

    void moveChat(Handle handle, String channel, String oldChatId, String newChatId) {
        handle.update("UPDATE dialogue_state SET chat_id = :new WHERE channel = :channel AND chat_id = :old",
                "new", newChatId, "channel", channel, "old", oldChatId);
    }

    private static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, ANSWERS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String write(Map<String, String> answers) {
        try {
            return JSON.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
