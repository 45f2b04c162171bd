package app.liuke.channel;

import java.util.List;
import java.util.Objects;

/** A message to send, in channel-neutral terms. */
public sealed interface Outbound {
    ChatRef chat();

    /**
     * A text, with optional rows of buttons under it. {@code template} is the way to reach the person
     * when the channel will not carry a free text (WeChat outside its interaction window); null: none.
     * {@code link}: a dashboard page the text is about (a path such as {@code /#todo}); null: none.
     */
    record SendText(ChatRef chat, String text, List<List<Button>> buttons, Template template, String link) implements Outbound {
        public SendText {
            Objects.requireNonNull(text, "text");
            buttons = buttons == null ? List.of() : buttons.stream().map(List::copyOf).toList();
        }

        public SendText(ChatRef chat, String text, List<List<Button>> buttons) {
            this(chat, text, buttons, null, null);
        }

        public SendText(ChatRef chat, String text) {
            this(chat, text, List.of(), null, null);
        }

        public SendText withTemplate(Template replacement) {
            return new SendText(chat, text, buttons, replacement, link);
        }

        /** The same text pointing at a page of the dashboard ({@code /#customer/12}); WeCom shows it as a text card. */
        public SendText withLink(String dashboardPath) {
            return new SendText(chat, text, buttons, template, dashboardPath);
        }
    }

    /**
     * WeCom's welcome to a new external contact, sent with the {@code welcome_code} of its
     * add_external_contact event, which WeCom honours once and for 20 seconds ({@code validUntil}, epoch seconds).
     */
    record Welcome(ChatRef chat, String welcomeCode, String text, long validUntil) implements Outbound {
        public Welcome {
            Objects.requireNonNull(welcomeCode, "welcomeCode");
            Objects.requireNonNull(text, "text");
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
