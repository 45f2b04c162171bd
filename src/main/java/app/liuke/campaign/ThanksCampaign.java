package app.liuke.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;

/** thanks: {@code days} (1–2) after a purchase, one thank-you per customer and purchase day. */
final class ThanksCampaign extends StandingCampaign {
    ThanksCampaign(CampaignSettings settings, CampaignTexts texts) {
        super(settings, texts);
    }

    @Override
    public Audience audience(CampaignDay day) {
        return boughtOn(day.date().minusDays(settings.days()), day);
    }

    @Override
    public Target target(ResultSet row, CampaignDay day) throws SQLException {
        return Target.text(row.getLong("customer_id"), row.getString("occurrence"),
                texts.get("campaign.thanks", "name", row.getString("c_name")));
    }
}
