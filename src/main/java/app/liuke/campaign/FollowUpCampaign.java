package app.liuke.campaign;

import app.liuke.channel.Button;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * follow-up (after-sales, 回访): {@code days} after a purchase, one question with two buttons; "something
 * is wrong" opens the satisfaction survey ({@link #BUTTON} routes the press).
 */
public final class FollowUpCampaign extends StandingCampaign {
    /** Button data: {@code f|ok|<customer>} or {@code f|bad|<customer>}. */
    public static final String BUTTON = "f|";
    FollowUpCampaign(CampaignSettings settings, CampaignTexts texts) {
        super(settings, texts);
    }

    @Override
    public Audience audience(CampaignDay day) {
        return boughtOn(day.date().minusDays(settings.days()), day);
    }

    @Override
    public Target target(ResultSet row, CampaignDay day) throws SQLException {
        long customer = row.getLong("customer_id");
        return new Target(customer, row.getString("occurrence"), texts.get("campaign.followUp.ask", "name", row.getString("c_name")),
                null, null, List.of(List.of(new Button(texts.get("campaign.followUp.good"), BUTTON + "ok|" + customer),
                        new Button(texts.get("campaign.followUp.bad"), BUTTON + "bad|" + customer))), 0);
    }
}
