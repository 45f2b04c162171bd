package app.liuke.campaign;

import app.liuke.campaign.CampaignSettings.UsagePeriod;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * used-up: for items with a usage period ({@code periods}: a product or category name and days), a
 * nudge on the day the item is probably used up, unless the customer bought it again since.
 */
final class UsedUpCampaign extends StandingCampaign {
    UsedUpCampaign(CampaignSettings settings, CampaignTexts texts) {
        super(settings, texts);
    }

    @Override
    public Audience audience(CampaignDay day) {
        if (settings.usage().isEmpty()) {
            return new Audience("SELECT id AS customer_id, '' AS occurrence, '' AS item FROM customer WHERE 1 = 0");
        }
        var sql = new StringBuilder();
        var params = new ArrayList<Object>();
        for (int i = 0; i < settings.usage().size(); i++) {
            UsagePeriod period = settings.usage().get(i);
            var bought = day.date().minusDays(period.days());
            sql.append(i == 0 ? "" : " UNION ALL ").append("""
                    SELECT p.customer_id AS customer_id, 'purchase-' || p.id || '-' || :uItem%1$d AS occurrence, :uItem%1$d AS item
                    FROM purchase p WHERE p.purchased_at >= :uFrom%1$d AND p.purchased_at < :uTo%1$d AND p.customer_id IS NOT NULL
                      AND p.items LIKE :uLike%1$d
                      AND NOT EXISTS (SELECT 1 FROM purchase q WHERE q.customer_id = p.customer_id
                                      AND q.purchased_at > p.purchased_at AND q.items LIKE :uLike%1$d)""".formatted(i));
            params.addAll(List.of("uItem" + i, period.match(), "uFrom" + i, day.start(bought), "uTo" + i, day.start(bought.plusDays(1)),
                    "uLike" + i, "%" + period.match().replace("%", "").replace("_", "") + "%"));
        }
        return new Audience(sql.toString(), params.toArray());
    }

    @Override
    public Target target(ResultSet row, CampaignDay day) throws SQLException {
        return Target.text(row.getLong("customer_id"), row.getString("occurrence"),
                texts.get("campaign.usedUp", "name", row.getString("c_name"), "item", row.getString("item")));
    }
}
