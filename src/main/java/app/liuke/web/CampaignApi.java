package app.liuke.web;

import app.liuke.campaign.Campaigns;
import app.liuke.campaign.RunReport;
import io.javalin.http.Context;

/**
 * Thin handlers for {@code /api/campaigns}: the figures of every campaign, one campaign's figures,
 * its preview (who would get what, who is skipped and why) and a run now. A broadcast is run with a
 * body {@code {"segment": "tier:A", "text": "…"}}.
 */
final class CampaignApi {
    private final Campaigns campaigns;
    private final Requests requests;

    CampaignApi(Campaigns campaigns, Requests requests) {
        this.campaigns = campaigns;
        this.requests = requests;
    }

    record BroadcastBody(String segment, String text) {
    }

    void list(Context ctx) {
        ctx.json(campaigns.figures());
    }

    void get(Context ctx) {
        ctx.json(campaigns.figures(ctx.pathParam("name")));
    }

    void preview(Context ctx) {
        String name = ctx.pathParam("name");
        RunReport report = Campaigns.BROADCAST.equals(name)
                ? campaigns.previewBroadcast(ctx.queryParam("segment"), ctx.queryParam("text"))
                : campaigns.preview(name);
        ctx.json(report);
    }

    void run(Context ctx) {
        String name = ctx.pathParam("name");
        if (Campaigns.BROADCAST.equals(name)) {
            BroadcastBody body = requests.body(ctx, BroadcastBody.class);
            ctx.status(201).json(campaigns.broadcasts().now(body.segment(), body.text()));
            return;
        }
        ctx.status(201).json(campaigns.run(name, "api"));
    }
}
