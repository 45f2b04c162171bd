package app.liuke.conversation;

import app.liuke.customer.Money;
import app.liuke.report.Period;
import app.liuke.report.Reports;
import app.liuke.report.SalesRow;
import app.liuke.report.Summary;
import app.liuke.shared.InvalidInput;
import app.liuke.staff.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * /stats for staff: today and this month so far, or a month ({@code /stats 2026-03}) or a span
 * ({@code /stats 2026-03-01 2026-03-15}). The same figures as {@code /api/reports/summary}.
 */
final class ReportChat {
    private final Reports reports;
    private final Clock clock;

    ReportChat(Reports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    ChatCommand command() {
        return ChatCommand.staff("stats", Role.STAFF, this::stats);
    }

    private void stats(Chat chat, String args) {
        LocalDate today = LocalDate.now(clock.withZone(reports.zone()));
        String[] words = args.isBlank() ? new String[0] : args.strip().split("\\s+");
        try {
            if (words.length == 0) {
                say(chat, chat.text("staff.stats.today"), Period.day(today));
                say(chat, chat.text("staff.stats.month"), new Period(today.withDayOfMonth(1), today));
            } else if (words.length == 1 && words[0].matches("\\d{4}-\\d{2}")) {
                YearMonth month = YearMonth.parse(words[0]);
                var period = new Period(month.atDay(1), month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth());
                say(chat, words[0], period);
            } else if (words.length <= 2) {
                var period = Period.parse(words[0], words.length == 2 ? words[1] : words[0], today);
                say(chat, period.from() + (period.to().equals(period.from()) ? "" : " ~ " + period.to()), period);
            } else {
                chat.say("staff.stats.usage");
            }
        } catch (InvalidInput | DateTimeParseException e) {
            chat.say("staff.stats.usage");
        }
    }

    private void say(Chat chat, String heading, Period period) {
        Summary summary = reports.summary(chat.handle(), period, clock.instant());
        var sales = summary.sales();
        chat.say("staff.stats.figures", "period", heading, "sales", Money.format(sales.salesCents()), "purchases", sales.purchases(),
                "customers", sales.customers(), "registration", SalesRow.percent(sales.registrationRate()),
                "repurchase", SalesRow.percent(sales.repurchaseRate()), "newCustomers", summary.newCustomers(),
                "followUps", summary.followUps(), "csat", summary.csat() == null ? "-" : summary.csat(),
                "nps", summary.nps() == null ? "-" : summary.nps());
    }

}
