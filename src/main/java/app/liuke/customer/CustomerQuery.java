package app.liuke.customer;

import app.liuke.shared.InvalidInput;

/** A search of the archive: free text (name, phone digits or an exact tag) and/or a tag, paged. */
public record CustomerQuery(String text, String tag, int page, int size) {
    public static final int MAX_SIZE = 200;

    public CustomerQuery {
        text = CustomerDraft.text("q", text, 64);
        tag = CustomerDraft.text("tag", tag, 32);
        if (page < 1) {
            throw new InvalidInput("page", "error.page.invalid");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInput("size", "error.size.invalid", MAX_SIZE);
        }
    }
}
