package app.liuke.report;

/** New customers on file in one month for one staff group (blank: no group), against the month's quota. */
public record RegistrationRow(String month, String group, long registered, int quota, Double share) {
}
