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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * A campaign's latest slot known to have finished, and when its next slot starts: until then, a tick
     * need not work the schedule out again nor ask the database ({@code cron-utils} takes about 0.1 ms
     * per schedule, and the scheduler ticks every minute).
     */
    private record Done(long slot, long nextSlot) {
    }

    private final Map<String, ExecutionTime> schedules = new ConcurrentHashMap<>();
    private final Map<String, Done> done = new ConcurrentHashMap<>();

    /** Runs every campaign whose latest slot has not run yet; returns their reports. */
    public List<RunReport> tick() {
        var reports = new ArrayList<RunReport>();
        Instant now = clock.instant();
        for (Campaign campaign : campaigns.standing()) {
            var settings = campaign.settings();
            if (!settings.enabled() || settings.schedule().isBlank()) {
                continue;
            }
            Done known = done.get(campaign.name());
            if (known != null && known.slot() <= now.getEpochSecond() && now.getEpochSecond() < known.nextSlot()) {
                continue;
            }
            var schedule = schedules.computeIfAbsent(settings.schedule(), cron -> ExecutionTime.forCron(CRON.parse(cron)));
            ZonedDateTime at = now.atZone(zone).plusSeconds(1);
            Optional<ZonedDateTime> slot = schedule.lastExecution(at);
            if (slot.isEmpty()) {
                continue;
            }
            if (!ran(campaign.name(), slot.get().toEpochSecond())) {
                try {
                    reports.add(campaigns.run(campaign, slot.get().toEpochSecond(), "schedule", now));
                } catch (RuntimeException e) {
                    LOG.error("campaign {} failed; it runs again at the next tick", campaign.name(), e);
                    continue;
                }
            }
            schedule.nextExecution(at).ifPresent(next -> done.put(campaign.name(),
                    new Done(slot.get().toEpochSecond(), next.toEpochSecond())));
        }
        return reports;
    }

    private boolean ran(String campaign, long slot) {
        return database.read(handle -> handle.queryLong(
                "SELECT count(*) FROM campaign_run WHERE campaign = :campaign AND slot = :slot AND finished_at IS NOT NULL",
                "campaign", campaign, "slot", slot)) > 0;
    }
}
