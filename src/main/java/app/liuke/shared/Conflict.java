package app.liuke.shared;

/** The request clashes with what is already on file (a 409 at the HTTP edge). */
public final class Conflict extends InvalidInput {
    public Conflict(String field, String textKey, Object... args) {
        super(field, textKey, args);
    }
}
