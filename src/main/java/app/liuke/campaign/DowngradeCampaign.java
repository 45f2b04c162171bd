package app.liuke.campaign;

import app.liuke.tier.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * downgrade: {@code days} before a customer would drop a tier (the classifier keeps the date and the
 * reason), tell them, why, and give a reason to come back (the tier's gift where one is configured).
 */
final class DowngradeCampaign extends StandingCampaign {
    DowngradeCampaign(CampaignSettings settings, CampaignTexts texts) {
        super(settings, texts);
    }

    @Override
    public Audience audience(CampaignDay day) {
        var dropDay = day.date().plusDays(settings.days());
        return new Audience("""
                SELECT id AS customer_id, 'drop-' || tier_drop_at AS occurrence, tier_drop_at AS drop_at, tier_drop_to AS drop_to
                FROM customer WHERE tier_drop_at >= :dFrom AND tier_drop_at < :dTo AND tier_drop_to IS NOT NULL""",
                "dFrom", day.start(dropDay), "dTo", day.start(dropDay.plusDays(1)));
    }

    @Override
    public Target target(ResultSet row, CampaignDay day) throws SQLException {
        String date = Instant.ofEpochSecond(row.getLong("drop_at")).atZone(day.zone()).format(DateTimeFormatter.ofPattern("M/d"));
        Tier tier = Tier.valueOf(row.getString("c_tier"));
        var target = Target.text(row.getLong("customer_id"), row.getString("occurrence"), texts.get("campaign.downgrade",
                "name", row.getString("c_name"), "tier", tier.name(), "to", row.getString("drop_to"), "date", date));
        String gift = settings.gifts().get(tier);
        return gift == null ? target : target.withGift(gift);
    }
}
