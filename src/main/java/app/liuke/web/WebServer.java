package app.liuke.web;

import app.liuke.channel.wechat.WechatUpdates;
import app.liuke.channel.wecom.WecomUpdates;
import app.liuke.Channels;
import app.liuke.config.LiukeConfig;
import app.liuke.customer.CustomerService;
import app.liuke.customer.FollowUpService;
import app.liuke.customer.PurchaseService;
import app.liuke.shared.FlexibleDates;
import app.liuke.shared.Texts;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.Database;
import app.liuke.tier.ClassificationService;
import app.liuke.tier.TierTexts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import java.time.Clock;

/** The Javalin server. {@link #routes} is the one place that shows every route of the service. */
public final class WebServer {
    private final Javalin app;

    public record Services(CustomerService customers, PurchaseService purchases, FollowUpService followUps,
                           StaffDirectory staff, ClassificationService classification, Database database, Metrics metrics,
                           Channels channels, app.liuke.offer.Offers offers, app.liuke.survey.SurveySender surveys,
                           app.liuke.campaign.Campaigns campaigns, app.liuke.report.Reports reports,
                           app.liuke.report.Trends trends, app.liuke.workbench.Todos todos, String shopLanguage) {
    }

    public WebServer(LiukeConfig config, Services services, Texts texts, Clock clock) {
        ObjectMapper json = Json.mapper();
        var dates = new FlexibleDates(config.timezone());
        var views = new CustomerViews(dates);
        var requests = new Requests(json);
        var classificationApi = new ClassificationApi(services.classification(), new TierTexts(texts, config.timezone()),
                requests, dates, clock);
        var customerApi = new CustomerApi(services.customers(), services.purchases(), services.followUps(), views,
                requests, dates, classificationApi, clock);
        var purchaseApi = new PurchaseApi(services.purchases(), services.customers(), views, requests, dates, services.database(),
                services.staff());
        var health = new HealthApi(services.database(), services.channels());
        var auth = new AdminAuth(config.server().adminToken());
        var webhook = config.telegram().enabled() && config.telegram().mode().equals("webhook")
                ? new TelegramWebhookApi(config.telegram().webhookSecret(), services.channels().flow(),
                        config.server().maxRequestBytes()) : null;
        var wechat = services.channels().wechat() == null ? null : new WeixinCallbackApi("wechat",
                services.channels().wechat().callbacks(), false, WechatUpdates.EVENT_KEY,
                WechatUpdates::chatKey, services.channels().flow(), config.server().maxRequestBytes(),
                services.metrics().registry());
        var wecom = services.channels().wecom() == null ? null : new WeixinCallbackApi("wecom",
                services.channels().wecom().callbacks(), true, WecomUpdates.EVENT_KEY,
                WecomUpdates::chatKey, services.channels().flow(), config.server().maxRequestBytes(),
                services.metrics().registry());
        var webChat = new WebChatApi(services.channels().pipeline(), services.channels().outbox(), services.channels().gate(), services.database(), auth,
                requests, clock, config.locale());
        var offerApi = new OfferApi(services.offers(), services.database(), requests, dates, clock);
        var surveyApi = new SurveyApi(services.surveys(), services.database(), services.staff(), requests, dates,
                services.shopLanguage(), clock);
        var campaignApi = new CampaignApi(services.campaigns(), requests);
        var reportApi = new ReportApi(services.reports(), services.database(), clock);
        var dashboard = new DashboardApi(services.reports(), services.trends(), services.todos(), services.database(), clock,
                config.locale(), survey -> services.surveys().engine().survey(survey));
        var errors = new ErrorMapping(texts, config.server().maxRequestBytes());
        this.app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.http.maxRequestSize = config.server().maxRequestBytes();
            javalin.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(texts)));
            javalin.jsonMapper(new JavalinJackson(json, false));
            errors.declare(javalin.routes);
            routes(javalin.routes, auth, customerApi, purchaseApi, classificationApi, health, services.metrics());
            engagementRoutes(javalin.routes, offerApi, surveyApi, campaignApi);
            javalin.routes.get("/api/reports/summary", reportApi::summary);
            javalin.routes.get("/api/reports/sales", reportApi::sales);
            javalin.routes.get("/api/reports/service", reportApi::service);
            javalin.routes.get("/api/reports/registrations", reportApi::registrations);
            chatRoutes(javalin.routes, webhook, wechat, wecom, webChat);
            dashboardRoutes(javalin.routes, dashboard);
        });
    }

    private static void routes(RoutesConfig routes, AdminAuth auth, CustomerApi customers, PurchaseApi purchases,
                               ClassificationApi classification, HealthApi health, Metrics metrics) {
        routes.before(metrics::start);
        routes.after(metrics::record);
        routes.get("/health", health::health);
        routes.get("/metrics", metrics::scrape);

        routes.before("/api/*", auth::check);
        routes.get("/api/customers", customers::search);
        routes.post("/api/customers", customers::create);
        routes.get("/api/customers/{id}", customers::card);
        routes.patch("/api/customers/{id}", customers::patch);
        routes.get("/api/customers/{id}/purchases", customers::purchases);
        routes.get("/api/customers/{id}/follow-ups", customers::followUps);
        routes.post("/api/customers/{id}/follow-ups", customers::addFollowUp);
        routes.get("/api/customers/{id}/history", classification::history);
        routes.put("/api/customers/{id}/tier", classification::setTier);
        routes.get("/api/customers/{id}/points", classification::points);
        routes.post("/api/customers/{id}/points", classification::adjustPoints);
        routes.post("/api/purchases", purchases::create);
        routes.get("/api/reports/segments", classification::segments);
        routes.get("/api/staff", purchases::staff);
        routes.post("/api/staff/{id}/reassign", purchases::reassign);
    }

    /** Offers, surveys and campaigns (behind the same admin token as the rest of {@code /api}). */
    private static void engagementRoutes(RoutesConfig routes, OfferApi offers, SurveyApi surveys, CampaignApi campaigns) {
        routes.get("/api/offers", offers::list);
        routes.post("/api/offers", offers::create);
        routes.get("/api/offers/{id}", offers::get);
        routes.post("/api/offers/{id}/codes", offers::issue);
        routes.get("/api/surveys/{id}/results", surveys::results);
        routes.post("/api/surveys/{id}/send", surveys::send);
        routes.get("/api/campaigns", campaigns::list);
        routes.get("/api/campaigns/{name}", campaigns::get);
        routes.get("/api/campaigns/{name}/preview", campaigns::preview);
        routes.post("/api/campaigns/{name}/run", campaigns::run);
    }

    /** The dashboard's page and scripts (public: they hold no data) and the data it reads (behind the token). */
    private static void dashboardRoutes(RoutesConfig routes, DashboardApi dashboard) {
        routes.get("/", dashboard::page);
        routes.get("/favicon.svg", ctx -> WebAssets.serve(ctx, "/web/favicon.svg", "image/svg+xml"));
        routes.get("/favicon.ico", ctx -> WebAssets.serve(ctx, "/web/favicon.svg", "image/svg+xml"));
        routes.get("/dashboard/{file}", dashboard::file);
        routes.get("/api/reports/trends", dashboard::trends);
        routes.get("/api/reports/campaigns", dashboard::campaigns);
        routes.get("/api/todo", dashboard::todo);
        routes.get("/api/customers/{id}/surveys", dashboard::surveyAnswers);
    }

    /** The chat side: Telegram's webhook (when Telegram is on in webhook mode), WeChat's and WeCom's callbacks (when on), the web chat. */
    private static void chatRoutes(RoutesConfig routes, TelegramWebhookApi webhook, WeixinCallbackApi wechat, WeixinCallbackApi wecom,
                                   WebChatApi webChat) {
        if (webhook != null) {
            routes.post("/telegram/webhook", webhook::receive);
        }
        if (wechat != null) {
            routes.get("/wechat/callback", wechat::verify);
            routes.post("/wechat/callback", wechat::receive);
        }
        if (wecom != null) {
            routes.get("/wecom/callback", wecom::verify);
            routes.post("/wecom/callback", wecom::receive);
        }
        routes.get("/chat", webChat::page);
        routes.get("/chat/chat.js", webChat::script);
        routes.post("/chat/api/session", webChat::newSession);
        routes.post("/chat/api/messages", webChat::send);
        routes.get("/chat/api/messages", webChat::poll);
    }

    public WebServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
