package app.liuke.workbench;

import app.liuke.customer.Money;
import app.liuke.report.Period;
import app.liuke.report.Reports;
import app.liuke.report.SalesRow;
import app.liuke.report.Summary;
import app.liuke.staff.Role;
import app.liuke.staff.StaffDirectory;
import app.liuke.staff.StaffMember;
import app.liuke.store.Handle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily digest (日报) to managers and owners: yesterday's sales (and how many by customers on
 * file), new registrations, tier moves, what the campaigns delivered and brought back, and low
 * scores. One message per person and day, keyed in the outbox. Stateless.
 */
public final class DailyDigest {
    private static final long DAY = 86_400;
    private final Reports reports;
    private final StaffDirectory staff;
    private final TodoLines.Words words;
    private final ZoneId zone;

    public DailyDigest(Reports reports, StaffDirectory staff, TodoLines.Words words, ZoneId zone) {
        this.reports = reports;
        this.staff = staff;
        this.words = words;
        this.zone = zone;
    }

    /** The digest text for {@code day}. */
    public String text(Handle handle, LocalDate day, Instant now) {
        Summary summary = reports.summary(handle, Period.day(day), now);
        SalesRow sales = summary.sales();
        long from = day.atStartOfDay(zone).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        long up = handle.queryLong("""
                SELECT count(*) FROM classification_change WHERE kind IN ('tier', 'override') AND changed_at >= :from
                  AND changed_at < :to AND to_value < from_value""", "from", from, "to", to);
        long down = handle.queryLong("""
                SELECT count(*) FROM classification_change WHERE kind IN ('tier', 'override') AND changed_at >= :from
                  AND changed_at < :to AND to_value > from_value""", "from", from, "to", to);
        var campaigns = new ArrayList<String>();
        handle.query("""
                SELECT campaign, count(*) AS delivered FROM outbox WHERE status = 'sent' AND campaign IS NOT NULL
                  AND instr(idempotency_key, '#') = 0 AND sent_at >= :from AND sent_at < :to GROUP BY campaign ORDER BY 2 DESC""",
                row -> campaigns.add(words.get("digest.campaign", "name", words.get("digest.campaignName." + row.getString(1)),
                        "delivered", row.getLong(2))), "from", from, "to", to);
        long broughtBack = handle.queryLong("""
                SELECT count(DISTINCT p.customer_id) FROM purchase p WHERE p.purchased_at >= :from AND p.purchased_at < :to
                  AND EXISTS (SELECT 1 FROM outbox o WHERE o.customer_id = p.customer_id AND o.status = 'sent'
                              AND o.campaign IS NOT NULL AND o.status IN ('pending', 'sent') AND o.sent_at < p.purchased_at AND o.sent_at >= p.purchased_at - :window)""",
                "from", from, "to", to, "window", 7 * DAY);
        long lowScores = handle.queryLong("""
                SELECT count(*) FROM follow_up_task WHERE kind = 'low-score' AND created_at >= :from AND created_at < :to""",
                "from", from, "to", to);
        long openTasks = handle.queryLong("SELECT count(*) FROM follow_up_task WHERE closed_at IS NULL");
        return words.get("digest.text", "date", day, "sales", Money.format(sales.salesCents()), "purchases", sales.purchases(),
                "onFile", sales.onFile(), "registration", SalesRow.percent(sales.registrationRate()),
                "newCustomers", summary.newCustomers(), "followUps", summary.followUps(), "up", up, "down", down,
                "campaigns", campaigns.isEmpty() ? words.get("digest.noCampaigns") : String.join(words.get("punct.list"), campaigns),
                "broughtBack", broughtBack, "lowScores", lowScores, "openTasks", openTasks,
                "csat", summary.csat() == null ? "-" : summary.csat(), "nps", summary.nps() == null ? "-" : summary.nps());
    }

    /** The digest for {@code day}, to every manager and owner on Telegram or WeChat. */
    public List<MorningMessage> plan(Handle handle, LocalDate day, Instant now) {
        List<StaffMember> managers = staff.list(handle).stream()
                .filter(member -> member.role().atLeast(Role.MANAGER) && member.chat().isPresent()).toList();
        if (managers.isEmpty()) {
            return List.of();
        }
        String text = text(handle, day, now);
        return managers.stream().map(manager -> new MorningMessage(manager.chat().orElseThrow(), text,
                "digest:" + manager.id() + ":" + day)).toList();
    }
}
