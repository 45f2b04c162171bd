package app.liuke.survey;

import java.util.Map;

/** One text of a survey in each language ({@code zh-CN}, {@code en}). Immutable. */
public record Wording(Map<String, String> byLanguage) {
    public Wording {
        byLanguage = Map.copyOf(byLanguage);
    }

    /** The text in {@code language}, else in Chinese. */
    public String in(String language) {
        return byLanguage.getOrDefault(language, byLanguage.getOrDefault("zh-CN", ""));
    }
}
