package app.liuke.channel;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A button under a message. Pressing it sends {@code data} back (at most 64 bytes, Telegram's limit). */
public record Button(String label, String data) {
    public static final int MAX_DATA_BYTES = 64;

    public Button {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(data, "data");
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("button data over " + MAX_DATA_BYTES + " bytes: " + data);
        }
    }
}
