package app.liuke.workbench;

import java.time.LocalTime;

/**
 * The staff workbench's thresholds ({@code workbench.*} in config): a customer is due a follow-up
 * {@code followUpEveryDays} after the last one (or {@code newCustomerDays} after registering, when
 * never followed up); a customer who bought is due to buy again after {@code notBoughtAgainDays}; one
 * who never bought is listed {@code newCustomerDays} after registering; birthdays show
 * {@code birthdayDays} ahead; a low-score task is due {@code taskDueHours} after it opened. Anything
 * still due {@code escalateAfterDays} later is shown to the managers. Owners are reminded at
 * {@code remindAt}, managers get the daily digest at {@code digestAt}; {@code /todo} shows
 * {@code pageSize} customers at a time.
 */
public record WorkbenchRules(int followUpEveryDays, int newCustomerDays, int notBoughtAgainDays, int birthdayDays,
                             int taskDueHours, int escalateAfterDays, LocalTime remindAt, LocalTime digestAt, int pageSize) {

    public static WorkbenchRules defaults() {
        return new WorkbenchRules(30, 7, 45, 7, 24, 3, LocalTime.of(9, 0), LocalTime.of(8, 30), 10);
    }
}
