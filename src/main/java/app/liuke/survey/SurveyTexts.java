package app.liuke.survey;

/** The chat texts ({@code bot-scripts/texts.*.yaml}) the survey engine uses, by language and key. */
@FunctionalInterface
public interface SurveyTexts {
    String get(String language, String key, Object... vars);
}
