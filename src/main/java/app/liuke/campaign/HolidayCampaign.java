package app.liuke.campaign;

import app.liuke.campaign.CampaignSettings.Holiday;
import app.liuke.tier.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * holidays: {@code days} before each configured holiday a greeting with the tier's holiday gift where
 * one is configured, and a greeting on the day; to every customer (the gate decides who may get it).
 */
final class HolidayCampaign extends StandingCampaign {
    HolidayCampaign(CampaignSettings settings, CampaignTexts texts) {
        super(settings, texts);
    }

    private record Due(Holiday holiday, LocalDate date, String kind) {
    }

    private record Cached(LocalDate day, List<Due> due) {
    }

    private volatile Cached cached = new Cached(LocalDate.MIN, List.of());

    /** The greetings due on {@code today} (remembered for the day: computing lunar dates per customer would be slow). */
    private List<Due> due(LocalDate today) {
        Cached last = cached;
        if (!last.day().equals(today)) {
            last = new Cached(today, compute(today));
            cached = last;
        }
        return last.due();
    }

    private List<Due> compute(LocalDate today) {
        var due = new ArrayList<Due>();
        for (Holiday holiday : settings.holidays()) {
            for (LocalDate date : HolidayCalendar.around(holiday.date(), holiday.dates(), today.getYear())) {
                if (date.equals(today.plusDays(settings.days()))) {
                    due.add(new Due(holiday, date, "before"));
                } else if (date.equals(today)) {
                    due.add(new Due(holiday, date, "day"));
                }
            }
        }
        return due;
    }

    @Override
    public Audience audience(CampaignDay day) {
        var due = due(day.date());
        if (due.isEmpty()) {
            return new Audience("SELECT id AS customer_id, '' AS occurrence, 0 AS holiday FROM customer WHERE 1 = 0");
        }
        var sql = new StringBuilder();
        var params = new ArrayList<Object>();
        for (int i = 0; i < due.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT id AS customer_id, :hOcc").append(i)
                    .append(" AS occurrence, ").append(i).append(" AS holiday FROM customer");
            params.addAll(List.of("hOcc" + i, due.get(i).holiday().name() + "-" + due.get(i).date().getYear() + "-" + due.get(i).kind()));
        }
        return new Audience(sql.toString(), params.toArray());
    }

    @Override
    public Target target(ResultSet row, CampaignDay day) throws SQLException {
        Due due = due(day.date()).get(row.getInt("holiday"));
        String text = texts.get("campaign.holiday." + due.kind(), "name", row.getString("c_name"), "holiday", due.holiday().label(),
                "date", due.date().format(java.time.format.DateTimeFormatter.ofPattern("M/d")));
        var target = Target.text(row.getLong("customer_id"), row.getString("occurrence"), text);
        String gift = due.holiday().gifts().get(Tier.valueOf(row.getString("c_tier")));
        return gift == null || !due.kind().equals("before") ? target : target.withGift(gift);
    }
}
