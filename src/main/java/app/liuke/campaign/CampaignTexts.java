package app.liuke.campaign;

/** The bot-scripts texts in the shop's language: {@code vars} are name/value pairs. */
@FunctionalInterface
public interface CampaignTexts {
    String get(String key, Object... vars);
}
