package app.liuke.campaign;

import app.liuke.tier.Segment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * broadcast: a staff member's text to a segment ({@code /broadcast SEGMENT}, or the API), through the
 * same gate and outbox as every campaign. One object per broadcast; {@code id} makes the occurrence.
 */
final class BroadcastCampaign implements Campaign {
    private final CampaignSettings settings;
    private final Segment segment;
    private final String text;
    private final long id;

    BroadcastCampaign(CampaignSettings settings, Segment segment, String text, long id) {
        this.settings = settings;
        this.segment = segment;
        this.text = text;
        this.id = id;
    }

    @Override
    public CampaignSettings settings() {
        return settings;
    }

    @Override
    public Audience audience(CampaignDay day) {
        var params = new ArrayList<>(List.of(segment.pairs()));
        params.addAll(List.of("bcOccurrence", "b" + id));
        return new Audience("SELECT c.id AS customer_id, :bcOccurrence AS occurrence FROM customer c WHERE " + segment.where(),
                params.toArray());
    }

    @Override
    public Target target(ResultSet row, CampaignDay day) throws SQLException {
        return Target.text(row.getLong("customer_id"), row.getString("occurrence"), text.replace("{name}", row.getString("c_name")));
    }
}
