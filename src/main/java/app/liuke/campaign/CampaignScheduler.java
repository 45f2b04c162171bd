package app.liuke.campaign;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the standing campaigns on their cron schedules ({@code campaigns.<name>.schedule}, shop time).
 * Each tick looks only at the latest slot of each schedule: a slot runs once however often the
 * scheduler looks, and after downtime only the latest missed slot runs, once. A run that died half
 * way (its slot has no finish time) runs again; the outbox keys keep that from sending twice.
 */
public final class CampaignScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignScheduler.class);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private final Campaigns campaigns;
    private final app.liuke.store.Database database;
    private final ZoneId zone;
    private final Clock clock;

    public CampaignScheduler(Campaigns campaigns, app.liuke.store.Database database, ZoneId zone, Clock clock) {
        this.campaigns = campaigns;
        this.database = database;
        this.zone = zone;
        this.clock = clock;
    }

    /** Runs every campaign whose latest slot has not run yet; returns their reports. */
    public List<RunReport> tick() {
        var reports = new ArrayList<RunReport>();
        Instant now = clock.instant();
        for (Campaign campaign : campaigns.standing()) {
            var settings = campaign.settings();
            if (!settings.enabled() || settings.schedule().isBlank()) {
                continue;
            }
            Optional<ZonedDateTime> slot = ExecutionTime.forCron(CRON.parse(settings.schedule()))
                    .lastExecution(now.atZone(zone).plusSeconds(1));
            if (slot.isEmpty() || ran(campaign.name(), slot.get().toEpochSecond())) {
                continue;
            }
            try {
                reports.add(campaigns.run(campaign, slot.get().toEpochSecond(), "schedule", now));
            } catch (RuntimeException e) {
                LOG.error("campaign {} failed; it runs again at the next tick", campaign.name(), e);
            }
        }
        return reports;
    }

    private boolean ran(String campaign, long slot) {
        return database.read(handle -> handle.queryLong(
                "SELECT count(*) FROM campaign_run WHERE campaign = :campaign AND slot = :slot AND finished_at IS NOT NULL",
                "campaign", campaign, "slot", slot)) > 0;
    }
}
