package app.liuke.conversation;

import app.liuke.conversation.script.BotScripts;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat texts from {@code bot-scripts/texts.*.yaml}, with {@code {placeholders}} filled in.
 * {@code {shop}} is always available. A value is inserted as plain text: Telegram messages are
 * sent without parse mode, and the web chat renders text, never HTML. Immutable and thread-safe.
 */
public final class ChatTexts {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private final BotScripts scripts;

    public ChatTexts(BotScripts scripts) {
        this.scripts = scripts;
    }

    /** The text for {@code key} in {@code language}; {@code vars} are name/value pairs. */
    public String get(String language, String key, Object... vars) {
        Map<String, String> texts = scripts.texts().getOrDefault(language, scripts.texts().get(BotScripts.ZH));
        String template = texts.getOrDefault(key, key);
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("shop", texts.getOrDefault("shop", ""));
        for (int i = 0; i + 1 < vars.length; i += 2) {
            values.put(String.valueOf(vars[i]), vars[i + 1]);
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (matcher.find()) {
            Object value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
