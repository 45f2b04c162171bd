package app.liuke.simulate;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The figures of a simulated year, printed on the terminal and written by {@code --json}: messages by
 * tier and purpose (and per customer per month), skips by reason, conversions per campaign, the
 * reactivations, and the violations of each rule with a few examples.
 */
public record YearReport(int customers, int days, long seed, String from, String to, double seconds, long messages,
                         Map<String, Map<String, Long>> messagesByTier, Map<String, Map<String, Double>> perCustomerPerMonth,
                         Map<String, Long> skips, long unexplainedSkips, List<CampaignLine> campaigns, Reactivation reactivation,
                         long purchases, long optedOut, long surveyAnswers, Map<String, Long> violations, long violationsTotal,
                         List<Violations.Breach> examples, Map<String, List<Long>> weeklyByTier) {

    /** One campaign's year: messages delivered, contacts skipped, customers who bought or redeemed soon after. */
    public record CampaignLine(String name, String purpose, long delivered, long skipped, long bought, long redeemed,
                               int conversionDays) {
    }

    /** Dormant customers who got the reactivation's first message, and those who bought again afterwards. */
    public record Reactivation(long reached, long wonBack, Double rate) {
    }

    /** "A simulated year" for a year, else "Simulated 90 days". */
    public String title() {
        return days == 365 || days == 366 ? "A simulated year" : "Simulated " + days + " days";
    }

    public void print(PrintStream out) {
        out.printf("%s: %,d customers, %d days from %s, seed %d (%.1f s)%n%n", title(), customers, days, from, seed, seconds);
        out.println("Messages per customer per month, by tier and purpose");
        out.printf("  %-4s %8s %10s %8s %8s%n", "tier", "care", "marketing", "reply", "other");
        perCustomerPerMonth.forEach((tier, rates) -> out.printf("  %-4s %8.2f %10.2f %8.2f %8.2f%n", tier, rates.get("care"),
                rates.get("marketing"), rates.get(Send.REPLY), rates.get(Send.OTHER)));
        out.printf("  (%,d messages in all)%n%n", messages);
        out.println("Skipped contacts, by reason" + (unexplainedSkips == 0 ? " (every skip has its reason)" : ""));
        skips.forEach((reason, n) -> out.printf("  %-18s %,9d%n", reason, n));
        if (unexplainedSkips > 0) {
            out.printf("  %-18s %,9d%n", "WITHOUT A REASON", unexplainedSkips);
        }
        out.println();
        out.println("Campaigns: delivered, skipped, and customers who bought or redeemed within the conversion window");
        out.printf("  %-13s %-9s %9s %9s %8s %9s%n", "campaign", "purpose", "delivered", "skipped", "bought", "redeemed");
        campaigns.forEach(c -> out.printf("  %-13s %-9s %,9d %,9d %,8d %,9d%n", c.name(), c.purpose(), c.delivered(), c.skipped(),
                c.bought(), c.redeemed()));
        if (reactivation != null) {
            out.printf("%nReactivation: %,d dormant customers reached, %,d won back%s%n", reactivation.reached(), reactivation.wonBack(),
                    reactivation.rate() == null ? "" : String.format(" (%.1f%%)", reactivation.rate() * 100));
        }
        out.printf("Purchases during the year: %,d; survey answers: %,d; customers who opted out: %,d%n%n", purchases, surveyAnswers,
                optedOut);
        out.println("Violations of the contact rules, counted from the send log");
        violations.forEach((rule, n) -> out.printf("  %-14s %,7d%n", rule, n));
        out.printf("  %-14s %,7d%n", "total", violationsTotal);
        examples.forEach(b -> out.printf("    %s customer %d at %s: %s%n", b.rule(), b.customerId(), b.at(), b.detail()));
    }
}
