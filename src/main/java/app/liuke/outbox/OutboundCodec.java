package app.liuke.outbox;

import app.liuke.channel.Button;
import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Stores outbound messages as JSON in the outbox and reads them back. Stateless. */
final class OutboundCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<Button>>> BUTTONS = new TypeReference<>() {
    };

    private OutboundCodec() {
    }

    static String kind(Outbound message) {
        if (message instanceof Outbound.SendText || message instanceof Outbound.Welcome) {
            return "text";   // a WeCom welcome is a text too; its welcomeCode tells it apart
        }
        return message instanceof Outbound.EditText ? "edit" : "answer";
    }

    static String encode(Outbound message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Outbound decode(String kind, String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            ChatRef chat = JSON.treeToValue(node.get("chat"), ChatRef.class);
            return switch (kind) {
                case "text" -> node.hasNonNull("welcomeCode")
                        ? new Outbound.Welcome(chat, node.get("welcomeCode").asText(), node.get("text").asText(), node.get("validUntil").asLong())
                        : new Outbound.SendText(chat, node.get("text").asText(), buttons(node), template(node),
                                node.hasNonNull("link") ? node.get("link").asText() : null);
                case "edit" -> new Outbound.EditText(chat, node.get("messageId").asText(), node.get("text").asText(), buttons(node));
                default -> new Outbound.AnswerButton(chat, node.get("callbackId").asText(),
                        node.hasNonNull("text") ? node.get("text").asText() : null);
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox payload", e);
        }
    }

    private static Outbound.Template template(JsonNode node) throws JsonProcessingException {
        JsonNode template = node.get("template");
        return template == null || template.isNull() ? null : JSON.treeToValue(template, Outbound.Template.class);
    }

    /** The buttons of a stored text or edit, row by row (none for other kinds). */
    static List<List<Button>> buttonsOf(String kind, String payload) {
        if (!kind.equals("text") && !kind.equals("edit")) {
            return List.of();
        }
        try {
            return buttons(JSON.readTree(payload));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static List<List<Button>> buttons(JsonNode node) throws JsonProcessingException {
        JsonNode buttons = node.get("buttons");
        return buttons == null || buttons.isNull() ? List.of() : JSON.treeToValue(buttons, JSON.getTypeFactory().constructType(BUTTONS));
    }
}
