package app.liuke.channel;

import java.util.List;
import java.util.Objects;

/** A message to send, in channel-neutral terms. */
public sealed interface Outbound {
    ChatRef chat();

    /**
     * A text, with optional rows of buttons under it. {@code template} is the way to reach the person
     * when the channel will not carry a free text (WeChat outside its interaction window); null: none.
     */
    record SendText(ChatRef chat, String text, List<List<Button>> buttons, Template template) implements Outbound {
        public SendText {
            Objects.requireNonNull(text, "text");
            buttons = buttons == null ? List.of() : buttons.stream().map(List::copyOf).toList();
        }

        public SendText(ChatRef chat, String text, List<List<Button>> buttons) {
            this(chat, text, buttons, null);
        }

        public SendText(ChatRef chat, String text) {
            this(chat, text, List.of(), null);
        }

        public SendText withTemplate(Template replacement) {
            return new SendText(chat, text, buttons, replacement);
        }
    }

    /** A template message (WeChat's 模板消息): the template's id, the page it opens, and its fields' values. */
    record Template(String templateId, String url, java.util.Map<String, String> fields) {
        public Template {
            Objects.requireNonNull(templateId, "templateId");
            fields = java.util.Map.copyOf(new java.util.LinkedHashMap<>(fields));
        }
    }

    /** Replaces the text (and buttons) of a message we sent earlier. */
    record EditText(ChatRef chat, String messageId, String text, List<List<Button>> buttons) implements Outbound {
        public EditText {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(text, "text");
            buttons = buttons == null ? List.of() : buttons.stream().map(List::copyOf).toList();
        }
    }

    /** The answer to a button press (a short toast; may be empty). */
    record AnswerButton(ChatRef chat, String callbackId, String text) implements Outbound {
        public AnswerButton {
            Objects.requireNonNull(callbackId, "callbackId");
        }
    }
}
