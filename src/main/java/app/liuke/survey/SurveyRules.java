package app.liuke.survey;

/**
 * The survey rules from config ({@code surveys.*}): no new survey for a customer within
 * {@code cooldownDays} of the last one; one reminder {@code remindAfterHours} after the invitation
 * to those who have not finished; a survey closes {@code expireAfterHours} after it was sent; a
 * customer may start the after-purchase survey themselves ({@code /survey}) within
 * {@code afterPurchaseDays} of a purchase.
 */
public record SurveyRules(int cooldownDays, int remindAfterHours, int expireAfterHours, int afterPurchaseDays) {
    public static SurveyRules defaults() {
        return new SurveyRules(30, 24, 72, 14);
    }
}
