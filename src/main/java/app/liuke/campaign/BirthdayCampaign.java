package app.liuke.campaign;

import app.liuke.tier.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

/**
 * birthday: {@code days} before the birthday a greeting with the tier's gift (a personal code, to
 * collect in the store), and a greeting on the day. Once per year and kind per customer. A 29 February
 * birthday is celebrated on 28 February in other years.
 */
final class BirthdayCampaign extends StandingCampaign {
    BirthdayCampaign(CampaignSettings settings, CampaignTexts texts) {
        super(settings, texts);
    }

    /** The birth_month_day values celebrated on {@code date}. */
    static List<String> celebratedOn(LocalDate date) {
        var days = new ArrayList<String>();
        days.add(String.format("%02d-%02d", date.getMonthValue(), date.getDayOfMonth()));
        if (MonthDay.from(date).equals(MonthDay.of(2, 28)) && !Year.isLeap(date.getYear())) {
            days.add("02-29");
        }
        return days;
    }

    @Override
    public Audience audience(CampaignDay day) {
        LocalDate ahead = day.date().plusDays(settings.days());
        List<String> before = celebratedOn(ahead);
        List<String> on = celebratedOn(day.date());
        return new Audience("""
                SELECT id AS customer_id, :bYearAhead || '-before' AS occurrence, 'before' AS kind, :bAhead AS birthday
                FROM customer WHERE birth_month_day IN (:bBefore1, :bBefore2)
                UNION ALL
                SELECT id, :bYear || '-day', 'day', :bToday FROM customer WHERE birth_month_day IN (:bOn1, :bOn2)""",
                "bYearAhead", String.valueOf(ahead.getYear()), "bAhead", ahead.toString(), "bBefore1", before.get(0),
                "bBefore2", before.get(before.size() - 1), "bYear", String.valueOf(day.date().getYear()),
                "bToday", day.date().toString(), "bOn1", on.get(0), "bOn2", on.get(on.size() - 1));
    }

    @Override
    public Target target(ResultSet row, CampaignDay day) throws SQLException {
        boolean before = row.getString("kind").equals("before");
        String text = texts.get(before ? "campaign.birthday.before" : "campaign.birthday.day", "name", row.getString("c_name"),
                "date", LocalDate.parse(row.getString("birthday")).format(java.time.format.DateTimeFormatter.ofPattern("M/d")));
        var target = Target.text(row.getLong("customer_id"), row.getString("occurrence"), text);
        String gift = settings.gifts().get(Tier.valueOf(row.getString("c_tier")));
        return gift == null ? target : target.withGift(gift);
    }
}
