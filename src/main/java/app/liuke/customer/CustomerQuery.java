package app.liuke.customer;

import app.liuke.shared.InvalidInput;
import app.liuke.tier.Segment;

/** A search of the archive: free text (name, phone digits or an exact tag), a tag and a segment, paged. */
public record CustomerQuery(String text, String tag, Segment segment, int page, int size) {
    public static final int MAX_SIZE = 200;

    public CustomerQuery {
        text = CustomerDraft.text("q", text, 64);
        tag = CustomerDraft.text("tag", tag, 32);
        segment = segment == null ? Segment.everyone() : segment;
        if (page < 1) {
            throw new InvalidInput("page", "error.page.invalid");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInput("size", "error.size.invalid", MAX_SIZE);
        }
    }
}
