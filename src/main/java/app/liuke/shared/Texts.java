package app.liuke.shared;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The shop-facing texts in zh-CN or en ({@code texts_zh_CN.properties}, {@code texts_en.properties}).
 * Placeholders are {@code {0}}, {@code {1}}, … Immutable and thread-safe.
 */
public final class Texts {
    private final ResourceBundle bundle;

    public Texts(Locale locale) {
        this.bundle = ResourceBundle.getBundle("texts", locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public String get(String key, Object... args) {
        return format(key, List.of(args));
    }

    public String explain(InvalidInput problem) {
        return format(problem.textKey(), problem.args());
    }

    private String format(String key, List<Object> args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            text = key;
        }
        for (int i = 0; i < args.size(); i++) {
            text = text.replace("{" + i + "}", String.valueOf(args.get(i)));
        }
        return text;
    }
}
