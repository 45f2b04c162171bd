package app.liuke;

import app.liuke.config.LiukeConfig;
import app.liuke.customer.CustomerMerger;
import app.liuke.customer.CustomerService;
import app.liuke.customer.CustomerStore;
import app.liuke.customer.FollowUpService;
import app.liuke.customer.PhoneNumbers;
import app.liuke.customer.PurchaseService;
import app.liuke.customer.PurchaseStore;
import app.liuke.customer.csv.CustomerCsvExport;
import app.liuke.customer.csv.CustomerCsvImport;
import app.liuke.customer.csv.ImportContext;
import app.liuke.customer.csv.PurchaseCsvImport;
import app.liuke.shared.FlexibleDates;
import app.liuke.shared.Texts;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Backup;
import app.liuke.store.Database;
import app.liuke.tier.ClassificationRules;
import app.liuke.tier.ClassificationService;
import app.liuke.tier.Classifier;
import app.liuke.tier.DailySweep;
import app.liuke.tier.PointsLedger;
import app.liuke.tier.Reclassification;
import app.liuke.tier.ShopDays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import app.liuke.channel.telegram.TelegramConnection;
import app.liuke.conversation.ConversationParts;
import app.liuke.conversation.ChatTexts;
import app.liuke.conversation.script.BotScripts;
import app.liuke.conversation.script.ScriptLoader;
import app.liuke.offer.OfferCatalog;
import app.liuke.offer.Offers;
import app.liuke.offer.Redemptions;
import app.liuke.survey.SurveyEngine;
import app.liuke.survey.SurveyResponses;
import app.liuke.survey.SurveySender;
import app.liuke.task.FollowUpTasks;
import app.liuke.group.Groups;
import app.liuke.web.Metrics;
import app.liuke.web.WebServer;
import app.liuke.campaign.CampaignPlanner;
import app.liuke.campaign.CampaignScheduler;
import app.liuke.campaign.CampaignTexts;
import app.liuke.campaign.Campaigns;
import app.liuke.campaign.ContactPolicy;
import app.liuke.outbox.Outbox;
import java.time.Clock;

/**
 * The composition root: every object of the service is made here, with constructors, from one
 * config and one clock. Tests build the same graph with a movable clock and a temporary folder.
 */
public final class Liuke implements AutoCloseable {
    private final LiukeConfig config;
    private final Clock clock;
    private final Database database;
    private final Texts texts;
    private final StaffDirectory staff = new StaffDirectory();
    private final CustomerService customers;
    private final PurchaseService purchases;
    private final FollowUpService followUps;
    private final FlexibleDates dates;
    private final ClassificationService classification;
    private final DailySweep sweep;
    private final Classifier classifier;
    private final app.liuke.store.Leadership leadership;
    private final PhoneNumbers phones;
    private final Offers offers;
    private final Redemptions redemptions;
    private final FollowUpTasks tasks;
    private final app.liuke.report.Reports reports;
    private final app.liuke.workbench.Todos todos;
    private final app.liuke.report.Trends trends;
    private app.liuke.workbench.WorkbenchScheduler workbench;
    private SurveySender surveys;
    private WebServer web;
    private Channels channels;
    private ScheduledExecutorService scheduler;

    private Liuke(LiukeConfig config, Clock clock, Database database) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.texts = new Texts(config.locale());
        this.dates = new FlexibleDates(config.timezone());
        this.phones = new PhoneNumbers(config.archive().phoneRegion());
        var customerStore = new CustomerStore();
        var points = new PointsLedger(config.points());
        this.leadership = app.liuke.store.Leadership.of(database);
        this.classifier = new Classifier(new ClassificationRules(config.classification(), new ShopDays(config.timezone())));
        this.customers = new CustomerService(database, customerStore, new CustomerMerger(), staff, phones, classifier, clock);
        this.purchases = new PurchaseService(database, new PurchaseStore(), customerStore, staff, phones, points, classifier,
                clock, config.archive().earliestDate(), config.timezone());
        this.followUps = new FollowUpService(database, customerStore, staff, classifier, clock);
        this.classification = new ClassificationService(database, classifier, points, clock);
        this.sweep = new DailySweep(database, classification, config.classification().sweepAt(), config.timezone(), clock);
        this.offers = new Offers(new OfferCatalog(), new ShopDays(config.timezone()));
        this.redemptions = new Redemptions(offers);
        this.tasks = new FollowUpTasks(staff);
        this.reports = new app.liuke.report.Reports(config.timezone(), config.reports());
        this.trends = new app.liuke.report.Trends(config.timezone(), config.campaigns().stream().collect(
                java.util.stream.Collectors.toMap(app.liuke.campaign.CampaignSettings::name,
                        app.liuke.campaign.CampaignSettings::conversionDays)));
        this.todos = new app.liuke.workbench.Todos(config.workbench(), config.campaign("used-up").usage(), config.timezone());
    }

    /** Opens the database (migrating it) and wires the services; starts nothing. */
    public static Liuke open(LiukeConfig config, Clock clock) {
        return new Liuke(config, clock, Database.open(config.store()));
    }

    /**
     * Loads bot-scripts, seeds the owners from {@code staff.owners}, starts the chat side (inbox
     * workers, outbox dispatcher, Telegram when enabled) and the HTTP server on {@code server.port}
     * (0 picks a free port).
     */
    public WebServer startWeb(String host) {
        ChatParts parts;
        synchronized (this) {
            parts = startChatParts(java.util.List.of(), true);
        }
        var services = new WebServer.Services(customers, purchases, followUps, staff, classification, database,
                metrics(), channels, offers, surveys, parts.campaigns(), reports, trends, todos, parts.language());
        web = new WebServer(config, services, texts, clock).start(host, config.server().port());
        return web;
    }

    private Metrics metrics;

    private synchronized Metrics metrics() {
        if (metrics == null) {
            metrics = new Metrics(database);
        }
        return metrics;
    }

    /**
     * The chat side without the HTTP server: the conversation, the inbox, the outbox dispatcher (sending
     * through the configured channels and {@code extraGateways}), the surveys and the workbench. With
     * {@code dispatchInBackground} false nothing is sent until the caller runs the dispatcher
     * ({@code liuke simulate} drives it step by step with its clock).
     */
    public synchronized Channels startChat(java.util.List<app.liuke.channel.ChannelGateway> extraGateways, boolean dispatchInBackground) {
        startChatParts(extraGateways, dispatchInBackground);
        return channels;
    }

    private ChatParts startChatParts(java.util.List<app.liuke.channel.ChannelGateway> extraGateways, boolean dispatchInBackground) {
        var parts = chatParts();
        if (channels != null) {
            throw new IllegalStateException("the chat side runs already");
        }
        TelegramConnection telegram = config.telegram().enabled() ? new TelegramConnection(config.telegram()) : null;
        var tokens = new app.liuke.channel.weixin.SharedTokens(database);
        var wechat = config.wechat().enabled()
                ? new app.liuke.channel.wechat.WechatAccount(config.wechat(), clock, metrics().registry(), tokens) : null;
        var conversation = new ConversationParts(parts.scripts(), config.locale(), config.timezone(), customers, purchases,
                followUps, classification, classifier, staff, phones, new Groups(), inviteLinks(telegram, wechat),
                offers, redemptions, parts.surveyEngine(), tasks,
                parts.campaigns(), reports, todos, config.campaign("holidays").holidays(), clock).build();
        var wecom = config.wecom().enabled()
                ? new app.liuke.channel.wecom.WecomAccount(config.wecom(), clock, metrics().registry(), tokens) : null;
        channels = new Channels(config, database, conversation, telegram, wechat, wecom, extraGateways, parts.policy(), clock);
        channels.dispatcher().onlyWhile(leadership.start()::leads);
        if (telegram != null) {
            telegram.onlyWhile(leadership::leads);
        }
        surveys = new SurveySender(database, channels.outbox(), parts.surveyEngine(), parts.language(), channels.dispatcher()::wake, clock);
        var outbox = new app.liuke.outbox.Outbox();
        workbench = new app.liuke.workbench.WorkbenchScheduler(database, outbox,
                new app.liuke.workbench.Reminders(todos, staff, parts.words()),
                new app.liuke.workbench.DailyDigest(reports, staff, parts.words(), config.timezone()),
                config.workbench(), config.timezone(), clock, channels.dispatcher()::wake);
        channels.start(dispatchInBackground);
        return parts;
    }

    /** Invitation links: a Telegram deep link (once the bot's name is known), a WeChat QR code. */
    private static app.liuke.conversation.InviteLinks inviteLinks(TelegramConnection telegram,
                                                                  app.liuke.channel.wechat.WechatAccount wechat) {
        var qrCodes = wechat == null ? null : new app.liuke.channel.wechat.WechatInvites(wechat.api());
        return (handle, channel, payload, now) -> {
            if (channel.equals("telegram") && telegram != null && telegram.username() != null) {
                return java.util.Optional.of("https://t.me/" + telegram.username() + "?start=" + payload);
            }
            return channel.equals("wechat") && qrCodes != null ? qrCodes.link(handle, payload, now) : java.util.Optional.empty();
        };
    }

    /** What the chat side and the campaigns share, built once from bot-scripts and config. */
    private record ChatParts(BotScripts scripts, String language, SurveyEngine surveyEngine, ContactPolicy policy,
                             Campaigns campaigns, CampaignScheduler scheduler, app.liuke.workbench.TodoLines.Words words) {
    }

    private ChatParts chatParts;

    private synchronized ChatParts chatParts() {
        if (chatParts != null) {
            return chatParts;
        }
        var scripts = ScriptLoader.load(config.botScripts()).orThrow();
        database.useTransaction(handle -> {
            staff.seedOwners(handle, config.staff().owners(), clock.instant());
            if (config.wecom().enabled()) {
                staff.seedWecomOwners(handle, config.wecom().owners(), clock.instant());
            }
            offers.catalog().syncFromConfig(handle, config.offers(), clock.instant());
        });
        String shopLanguage = BotScripts.language(null, config.locale());
        var chatTexts = new ChatTexts(scripts);
        var surveyEngine = new SurveyEngine(scripts.surveys(), new SurveyResponses(), tasks, chatTexts::get, config.surveys(),
                shopLanguage);
        var policy = new ContactPolicy(config.contact(), config.timezone(),
                new app.liuke.campaign.CampaignTemplates(config.wechat().enabled() ? config.wechat().templates() : java.util.Map.of()),
                config.wecom().monthlyCap());
        CampaignTexts campaignTexts = (key, vars) -> chatTexts.get(shopLanguage, key, vars);
        var planner = new CampaignPlanner(database, new Outbox(), policy, offers, surveyEngine, campaignTexts, shopLanguage,
                config.timezone());
        var campaigns = new Campaigns(database, planner, config.campaigns(), campaignTexts, config.timezone(), clock, () -> {
            if (channels != null) {
                channels.dispatcher().wake();
            }
        });
        chatParts = new ChatParts(scripts, shopLanguage, surveyEngine, policy, campaigns,
                new CampaignScheduler(campaigns, database, config.timezone(), clock),
                (key, vars) -> chatTexts.get(shopLanguage, key, vars));
        return chatParts;
    }

    /** The shop's campaigns (preview, run, figures); loads bot-scripts on first use. */
    public Campaigns campaigns() {
        return chatParts().campaigns();
    }

    /** The campaign scheduler (tests tick it after moving the clock). */
    public CampaignScheduler campaignScheduler() {
        return chatParts().scheduler();
    }

    /** The morning reminders and the managers' digest, once {@link #startWeb} ran (tests tick it after moving the clock). */
    public app.liuke.workbench.WorkbenchScheduler workbench() {
        return workbench;
    }

    /** Tiers and stages over time, satisfaction per month, campaign funnels. */
    public app.liuke.report.Trends trends() {
        return trends;
    }

    /** The to-do lists (/todo, the dashboard). */
    public app.liuke.workbench.Todos todos() {
        return todos;
    }

    /** The chat side, once {@link #startWeb} ran. */
    public Channels channels() {
        return channels;
    }

    /** The shop's surveys (sending, lapses and reminders), once {@link #startWeb} ran. */
    public SurveySender surveys() {
        return surveys;
    }

    public Offers offers() {
        return offers;
    }

    public Redemptions redemptions() {
        return redemptions;
    }

    /**
     * Runs a missed daily sweep now, then checks every minute: the sweep, survey lapses and reminders,
     * and campaign schedules. A failed tick is logged and retried.
     */
    public void startScheduler() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "liuke-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        leadership.start();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (leadership.leads()) {                     // else another instance on the database runs the schedule
                    runDueWork();
                }
            } catch (RuntimeException e) {
                if (Database.isBusy(e)) {
                    org.slf4j.LoggerFactory.getLogger(Liuke.class).warn("scheduled sweep: the database is not answering ({}); retrying in a minute", e.toString());
                } else {
                    org.slf4j.LoggerFactory.getLogger(Liuke.class).error("scheduled sweep failed; retrying in a minute", e);
                }
            }
        }, 0, 1, TimeUnit.MINUTES);
    }

    /**
     * One look at the schedule, as the scheduler takes every minute: the daily sweep (and the day's
     * snapshot), survey lapses and reminders, due campaign slots, WeCom task results, the staff reminders
     * and digest. {@code liuke simulate} calls it as it moves its clock.
     */
    public void runDueWork() {
        if (sweep.tick().isPresent()) {
            database.useTransaction(handle -> trends.snapshot(handle, clock.instant()));
        }
        if (surveys != null) {
            surveys.tick();
        }
        campaignScheduler().tick();
        if (channels != null && channels.wecomTasks() != null) {
            channels.wecomTasks().tick();
        }
        if (workbench != null) {
            workbench.tick();
        }
    }

    /** A collector for the customers one transaction touches, to reclassify them together. */
    public Reclassification reclassification() {
        return new Reclassification(classifier);
    }

    public ClassificationService classification() {
        return classification;
    }

    public DailySweep sweep() {
        return sweep;
    }

    public CustomerCsvImport customerImport() {
        return new CustomerCsvImport(importContext(), customers);
    }

    public PurchaseCsvImport purchaseImport() {
        return new PurchaseCsvImport(importContext(), purchases);
    }

    private ImportContext importContext() {
        return new ImportContext(database, staff, dates, texts, classifier, clock);
    }

    public CustomerCsvExport customerExport() {
        return new CustomerCsvExport(database, dates);
    }

    public Backup backup() {
        return new Backup(database);
    }

    /** Sales, registrations and the summary over a period (the API, /stats and the report command). */
    public app.liuke.report.Reports reports() {
        return reports;
    }

    public LiukeConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public app.liuke.store.Leadership leadership() {
        return leadership;
    }

    public Database database() {
        return database;
    }

    public Texts texts() {
        return texts;
    }

    public CustomerService customers() {
        return customers;
    }

    public PurchaseService purchases() {
        return purchases;
    }

    public FollowUpService followUps() {
        return followUps;
    }

    public StaffDirectory staff() {
        return staff;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (web != null) {
            web.stop();
        }
        if (channels != null) {
            channels.close();
        }
        leadership.close();
        database.close();
    }
}
