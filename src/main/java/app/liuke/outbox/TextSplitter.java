package app.liuke.outbox;

import java.util.ArrayList;
import java.util.List;

/** Cuts a long text into parts of at most {@code max} characters, at line breaks where it can. */
final class TextSplitter {
    private TextSplitter() {
    }

    static List<String> split(String text, int max) {
        var parts = new ArrayList<String>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = max;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut).replaceFirst("^\n", "");
        }
        parts.add(rest);
        return parts;
    }
}
