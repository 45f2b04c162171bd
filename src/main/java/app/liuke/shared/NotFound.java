package app.liuke.shared;

/** The thing asked for does not exist (a 404 at the HTTP edge). */
public final class NotFound extends InvalidInput {
    public NotFound(String field, String textKey, Object... args) {
        super(field, textKey, args);
    }
}
