package app.liuke.conversation;

/** Cleans text typed in a chat before it is stored or echoed: control characters go, length is capped. */
final class ChatInput {
    private ChatInput() {
    }

    /** Control characters other than newline and tab removed, trimmed, at most {@code max} code points. */
    static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c) || c == '\n' || c == '\t')
                .limit(max).forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    /** A display name fit for the archive: one line, at most 64 code points, never empty. */
    static String name(String displayName, String fallback) {
        String name = clean(displayName == null ? "" : displayName.replace('\n', ' ').replace('\t', ' '), 64);
        return name.isEmpty() ? fallback : name;
    }
}
