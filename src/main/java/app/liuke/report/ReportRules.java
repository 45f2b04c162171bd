package app.liuke.report;

import java.util.Set;

/**
 * Report settings: new registrations each staff group should reach per month ({@code quota}), and a
 * lower quota for the shop's slow months (1–12).
 */
public record ReportRules(int quota, int slowMonthQuota, Set<Integer> slowMonths) {
    public ReportRules {
        slowMonths = Set.copyOf(slowMonths);
    }

    public static ReportRules defaults() {
        return new ReportRules(30, 20, Set.of());
    }

    public int quotaFor(int month) {
        return slowMonths.contains(month) ? slowMonthQuota : quota;
    }
}
