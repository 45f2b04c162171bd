package app.liuke.channel;

import java.util.List;
import java.util.Objects;

/** A message to send, in channel-neutral terms. */
public sealed interface Outbound {
    ChatRef chat();

    /** A text, with optional rows of buttons under it. */
    record SendText(ChatRef chat, String text, List<List<Button>> buttons) implements Outbound {
        public SendText {
            Objects.requireNonNull(text, "text");
            buttons = buttons == null ? List.of() : buttons.stream().map(List::copyOf).toList();
        }

        public SendText(ChatRef chat, String text) {
            this(chat, text, List.of());
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
