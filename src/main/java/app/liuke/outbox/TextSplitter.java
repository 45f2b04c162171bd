package app.liuke.outbox;

import java.util.ArrayList;
import java.util.List;

/** Cuts a long text into parts of at most {@code max} characters (or UTF-8 bytes), at line breaks where it can. */
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

    /** Parts of at most {@code maxBytes} bytes in UTF-8 (WeCom counts bytes), never cutting a character in two. */
    static List<String> splitBytes(String text, int maxBytes) {
        var parts = new ArrayList<String>();
        String rest = text;
        while (utf8(rest) > maxBytes) {
            int chars = 0;
            int bytes = 0;
            while (chars < rest.length()) {
                int codePoint = rest.codePointAt(chars);
                int size = utf8(new String(Character.toChars(codePoint)));
                if (bytes + size > maxBytes) {
                    break;
                }
                bytes += size;
                chars += Character.charCount(codePoint);
            }
            int cut = rest.lastIndexOf('\n', chars);
            if (cut < chars / 2) {
                cut = chars;
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut).replaceFirst("^\n", "");
        }
        parts.add(rest);
        return parts;
    }

    private static int utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
