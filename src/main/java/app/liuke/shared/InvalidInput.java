package app.liuke.shared;

import java.util.List;

/**
 * Input that cannot be accepted. Carries a text key (see {@code texts_*.properties}) so each edge
 * (HTTP, CLI, chat) can explain it in the shop's language. Nothing has been written when thrown.
 */
public class InvalidInput extends RuntimeException {
    private final String field;
    private final String textKey;
    private final List<Object> args;

    public InvalidInput(String field, String textKey, Object... args) {
        super(field + ": " + textKey + " " + List.of(args));
        this.field = field;
        this.textKey = textKey;
        this.args = List.of(args);
    }

    public String field() {
        return field;
    }

    public String textKey() {
        return textKey;
    }

    public List<Object> args() {
        return args;
    }
}
