package app.liuke.campaign;

import app.liuke.shared.InvalidInput;
import app.liuke.shared.NotFound;
import app.liuke.store.Database;
import app.liuke.tier.Segment;
import app.liuke.tier.ShopDays;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's campaigns: the standing ones from config, staff broadcasts, their previews, runs and
 * figures. {@link CampaignScheduler} runs the standing ones on their cron schedule. Runs of one shop
 * are serialised (the outbox keys would make a double run harmless, but a report should add up).
 */
public final class Campaigns {
    public static final String BROADCAST = "broadcast";
    private final Database database;
    private final CampaignPlanner planner;
    private final Map<String, Campaign> standing = new LinkedHashMap<>();
    private final CampaignSettings broadcast;
    private final ShopDays days;
    private final Clock clock;
    private final Runnable wake;
    private final CampaignStats stats = new CampaignStats();
    private final Broadcasts broadcasts;

    public Campaigns(Database database, CampaignPlanner planner, List<CampaignSettings> settings, CampaignTexts texts, ZoneId zone,
                     Clock clock, Runnable wake) {
        this.database = database;
        this.planner = planner;
        this.days = new ShopDays(zone);
        this.clock = clock;
        this.wake = wake;
        CampaignSettings broadcastSettings = null;
        for (CampaignSettings each : settings) {
            switch (each.name()) {
                case "thanks" -> standing.put(each.name(), new ThanksCampaign(each, texts));
                case "birthday" -> standing.put(each.name(), new BirthdayCampaign(each, texts));
                case "holidays" -> standing.put(each.name(), new HolidayCampaign(each, texts));
                case "follow-up" -> standing.put(each.name(), new FollowUpCampaign(each, texts));
                case "used-up" -> standing.put(each.name(), new UsedUpCampaign(each, texts));
                case "downgrade" -> standing.put(each.name(), new DowngradeCampaign(each, texts));
                case "reactivation" -> standing.put(each.name(), new ReactivationCampaign(each, texts));
                case BROADCAST -> broadcastSettings = each;
                default -> throw new IllegalArgumentException("unknown campaign " + each.name());
            }
        }
        this.broadcast = broadcastSettings;
        this.broadcasts = new Broadcasts(database, this, days, clock);
    }

    public Broadcasts broadcasts() {
        return broadcasts;
    }

    /** Every campaign's name, the standing ones first. */
    public List<String> names() {
        var names = new ArrayList<>(standing.keySet());
        names.add(BROADCAST);
        return names;
    }

    List<Campaign> standing() {
        return List.copyOf(standing.values());
    }

    private Campaign find(String name) {
        if (BROADCAST.equals(name)) {
            throw new InvalidInput("name", "error.campaign.broadcastNeedsSegment");
        }
        Campaign campaign = standing.get(name);
        if (campaign == null) {
            throw new NotFound("campaign", "error.campaign.notFound", name, String.join(", ", names()));
        }
        return campaign;
    }

    /** Refuses (4xx, or a polite chat reply) a name that is not a standing campaign. */
    public void requireRunnable(String name) {
        find(name);
    }

    public RunReport preview(String name) {
        return planner.plan(find(name), clock.instant(), true);
    }

    /** Runs a standing campaign now (by hand: CLI, API or chat), whatever its schedule. */
    public RunReport run(String name, String trigger) {
        Campaign campaign = find(name);
        Instant now = clock.instant();
        return run(campaign, now.getEpochSecond(), trigger, now);
    }

    synchronized RunReport run(Campaign campaign, long slot, String trigger, Instant now) {
        database.useTransaction(handle -> handle.update("""
                INSERT INTO campaign_run (campaign, slot, trigger, started_at) VALUES (:campaign, :slot, :trigger, :now)
                ON CONFLICT (campaign, slot) DO NOTHING""", "campaign", campaign.name(), "slot", slot, "trigger", trigger,
                "now", now.getEpochSecond()));
        RunReport report = planner.plan(campaign, now, false);
        database.useTransaction(handle -> handle.update("""
                UPDATE campaign_run SET finished_at = :now, planned = planned + :planned, skipped = skipped + :skipped
                WHERE campaign = :campaign AND slot = :slot""", "now", clock.instant().getEpochSecond(), "planned", report.queued(),
                "skipped", report.skippedTotal(), "campaign", campaign.name(), "slot", slot));
        if (report.queued() > 0) {
            wake.run();
        }
        return report;
    }

    /** A broadcast to {@code segment} (README "Segments"); {@code text} may say {name}. */
    public RunReport previewBroadcast(String segment, String text) {
        return planner.plan(broadcastOf(segment, text, 0), clock.instant(), true);
    }

    /** Refuses a broadcast whose segment or text is wrong (4xx, or a polite chat reply), without planning it. */
    void checkBroadcast(String segment, String text) {
        broadcastOf(segment, text, 0);
    }

    RunReport runBroadcast(String segment, String text, long broadcastId) {
        Instant now = clock.instant();
        return run(broadcastOf(segment, text, broadcastId), now.getEpochSecond(), "broadcast-" + broadcastId, now);
    }

    private Campaign broadcastOf(String segment, String text, long id) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "error.campaign.noText");
        }
        if (text.length() > 3000) {
            throw new InvalidInput("text", "error.text.tooLong", 3000);
        }
        return new BroadcastCampaign(broadcast, Segment.parse(segment, days, clock.instant()), text.strip(), id);
    }

    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "liuke-campaign-run");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code run} on the campaign thread (a chat handler cannot run a campaign inside its own
     * transaction), then hands the report to {@code done} in a transaction of its own, e.g. to tell
     * the staff member in chat. A failure is logged and reported as null.
     */
    public void inBackground(java.util.function.Supplier<RunReport> run, java.util.function.BiConsumer<app.liuke.store.Handle, RunReport> done) {
        background.execute(() -> {
            RunReport report = null;
            try {
                report = run.get();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Campaigns.class).error("campaign run failed", e);
            }
            RunReport finished = report;
            database.useTransaction(handle -> done.accept(handle, finished));
            wake.run();
        });
    }

    public CampaignStats.Figures figures(String name) {
        if (!BROADCAST.equals(name)) {
            find(name);
        }
        var settings = BROADCAST.equals(name) ? broadcast : standing.get(name).settings();
        return database.read(handle -> stats.of(handle, settings));
    }

    public List<CampaignStats.Figures> figures() {
        return names().stream().map(this::figures).toList();
    }
}
