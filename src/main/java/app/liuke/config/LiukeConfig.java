package app.liuke.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The whole configuration, loaded once and validated at start-up ({@link ConfigLoader}).
 * Immutable; secrets never appear in {@code toString()}.
 */
public record LiukeConfig(
        Server server,
        Store store,
        ZoneId timezone,
        Locale locale,
        Telegram telegram,
        Wechat wechat,
        Wecom wecom,
        Staff staff,
        Archive archive,
        Points points,
        Classification classification,
        List<app.liuke.offer.Offer> offers,
        app.liuke.survey.SurveyRules surveys,
        app.liuke.campaign.ContactRules contact,
        app.liuke.outbox.DispatchRules dispatch,
        List<app.liuke.campaign.CampaignSettings> campaigns,
        app.liuke.report.ReportRules reports,
        app.liuke.workbench.WorkbenchRules workbench,
        Path botScripts,
        String source) {

    public LiukeConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(telegram, "telegram");
        Objects.requireNonNull(wechat, "wechat");
        Objects.requireNonNull(wecom, "wecom");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(classification, "classification");
        offers = List.copyOf(offers);
        Objects.requireNonNull(surveys, "surveys");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(dispatch, "dispatch");
        campaigns = List.copyOf(campaigns);
        Objects.requireNonNull(workbench, "workbench");
        Objects.requireNonNull(botScripts, "botScripts");
    }

    public LiukeConfig withStore(Store replacement) {
        return new LiukeConfig(server, replacement, timezone, locale, telegram, wechat, wecom, staff, archive, points, classification,
                offers, surveys, contact, dispatch, campaigns, reports, workbench, botScripts, source);
    }

    public LiukeConfig withStorePath(Path path) {
        return new LiukeConfig(server, new Store(path, store.url(), store.user(), store.password(), store.poolSize()), timezone, locale, telegram, wechat, wecom, staff, archive, points, classification,
                offers, surveys, contact, dispatch, campaigns, reports, workbench, botScripts, source);
    }

    public LiukeConfig withServer(Server replacement) {
        return new LiukeConfig(replacement, store, timezone, locale, telegram, wechat, wecom, staff, archive, points, classification,
                offers, surveys, contact, dispatch, campaigns, reports, workbench, botScripts, source);
    }

    public LiukeConfig withTelegram(Telegram replacement) {
        return new LiukeConfig(server, store, timezone, locale, replacement, wechat, wecom, staff, archive, points, classification,
                offers, surveys, contact, dispatch, campaigns, reports, workbench, botScripts, source);
    }

    public LiukeConfig withWechat(Wechat replacement) {
        return new LiukeConfig(server, store, timezone, locale, telegram, replacement, wecom, staff, archive, points, classification,
                offers, surveys, contact, dispatch, campaigns, reports, workbench, botScripts, source);
    }

    public LiukeConfig withWecom(Wecom replacement) {
        return new LiukeConfig(server, store, timezone, locale, telegram, wechat, replacement, staff, archive, points, classification,
                offers, surveys, contact, dispatch, campaigns, reports, workbench, botScripts, source);
    }

    public LiukeConfig withStaff(Staff replacement) {
        return new LiukeConfig(server, store, timezone, locale, telegram, wechat, wecom, replacement, archive, points, classification,
                offers, surveys, contact, dispatch, campaigns, reports, workbench, botScripts, source);
    }

    public LiukeConfig withContact(app.liuke.campaign.ContactRules replacement) {
        return new LiukeConfig(server, store, timezone, locale, telegram, wechat, wecom, staff, archive, points, classification,
                offers, surveys, replacement, dispatch, campaigns, reports, workbench, botScripts, source);
    }

    public LiukeConfig withDispatch(app.liuke.outbox.DispatchRules replacement) {
        return new LiukeConfig(server, store, timezone, locale, telegram, wechat, wecom, staff, archive, points, classification,
                offers, surveys, contact, replacement, campaigns, reports, workbench, botScripts, source);
    }

    /** The settings of campaign {@code name} (every standing campaign has settings, defaults or not). */
    public app.liuke.campaign.CampaignSettings campaign(String name) {
        return campaigns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no campaign " + name));
    }

    /** HTTP server. An empty admin token means {@code /api} refuses every request. */
    public record Server(int port, String adminToken, long maxRequestBytes) {
        public boolean apiEnabled() {
            return adminToken != null && !adminToken.isBlank();
        }

        @Override
        public String toString() {
            return "Server[port=" + port + ", adminToken=" + (apiEnabled() ? "***" : "(none)")
                    + ", maxRequestBytes=" + maxRequestBytes + "]";
        }
    }

    /**
     * Where the data lives: the SQLite file at {@code path}, or, with {@code url} set, PostgreSQL
     * ({@code user}, {@code password}, a HikariCP pool of {@code poolSize}). The password never shows in {@code toString()}.
     */
    public record Store(Path path, String url, String user, String password, int poolSize) {
        public Store(Path path) {
            this(path, "", "", "", 10);
        }

        public boolean postgres() {
            return url != null && !url.isEmpty();
        }

        @Override
        public String toString() {
            return "Store[path=" + path + ", url=" + url + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
        }
    }

    public record Telegram(boolean enabled, String token, String mode, String webhookSecret, String publicUrl,
                           String apiUrl) {
        @Override
        public String toString() {
            return "Telegram[enabled=" + enabled + ", mode=" + mode + ", publicUrl=" + publicUrl
                    + ", apiUrl=" + apiUrl + ", token=***, webhookSecret=***]";
        }
    }

    /**
     * The shop's WeChat Official Account (公众号/服务号): app id and secret (for the access token), the
     * callback token and, when set, the 43-character EncodingAESKey (safe mode). {@code templates}: per
     * campaign, the template message that reaches followers outside WeChat's reply window.
     */
    public record Wechat(boolean enabled, String appId, String secret, String token, String aesKey, String apiUrl,
                         java.util.Map<String, WechatTemplate> templates) {
        public Wechat {
            templates = java.util.Map.copyOf(templates);
        }

        public static Wechat disabled() {
            return new Wechat(false, "", "", "", "", "https://api.weixin.qq.com", java.util.Map.of());
        }

        public boolean safeMode() {
            return aesKey != null && !aesKey.isEmpty();
        }

        @Override
        public String toString() {
            return "Wechat[enabled=" + enabled + ", appId=" + appId + ", apiUrl=" + apiUrl + ", safeMode=" + safeMode()
                    + ", templates=" + templates.keySet() + ", secret=***, token=***, aesKey=***]";
        }
    }

    /**
     * One campaign's template message: its id, the page it opens (may be empty) and each field's value,
     * where {@code {text}} is the campaign's message, {@code {name}} the customer's name and {@code {date}} today.
     */
    public record WechatTemplate(String id, String url, java.util.Map<String, String> fields) {
        public WechatTemplate {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /**
     * WeCom (企业微信): the corp, the self-built app (agent id and secret) staff use, the callback's token
     * and EncodingAESKey (always encrypted), owners by WeCom userid, WeCom's cap of mass messages per
     * customer per month, the group robots (customer group chat id → webhook key), and the address of
     * the dashboard for links in staff messages (may be empty).
     */
    public record Wecom(boolean enabled, String corpId, int agentId, String secret, String token, String aesKey, String apiUrl,
                        List<String> owners, int monthlyCap, java.util.Map<String, String> robots, String dashboardUrl) {
        public Wecom {
            owners = List.copyOf(owners);
            robots = java.util.Map.copyOf(robots);
        }

        public static Wecom disabled() {
            return new Wecom(false, "", 0, "", "", "", "https://qyapi.weixin.qq.com", List.of(), 4, java.util.Map.of(), "");
        }

        @Override
        public String toString() {
            return "Wecom[enabled=" + enabled + ", corpId=" + corpId + ", agentId=" + agentId + ", apiUrl=" + apiUrl + ", owners="
                    + owners + ", monthlyCap=" + monthlyCap + ", robots=" + robots.keySet() + ", dashboardUrl=" + dashboardUrl
                    + ", secret=***, token=***, aesKey=***]";
        }
    }

    /** Telegram user ids that have the owner role from the start. */
    public record Staff(List<Long> owners) {
        public Staff {
            owners = List.copyOf(owners);
        }
    }

    /** Points (积分): one point per {@code yuanPerPoint} yuan spent; {@code expireAfterDays} 0 means never. */
    public record Points(int yuanPerPoint, int expireAfterDays) {
    }

    /**
     * Value tiers and lifecycle stages. A: at least {@code aMinPoints} points, or at least
     * {@code aMinPurchasesInWindow} purchases in the last {@code aWindowDays} days; B: at least
     * {@code bMinPurchases} purchases; otherwise C. Every {@code downgradeAfterDays} without a visit
     * or purchase, down one tier. Stages: dormant after {@code dormantAfterDays} without a purchase
     * (or group activity, when it counts), churned after {@code churnedAfterDays} without a purchase,
     * loyal from {@code loyalMinPurchases} purchases. The daily sweep runs at {@code sweepAt}.
     */
    public record Classification(int aMinPoints, int aMinPurchasesInWindow, int aWindowDays, int bMinPurchases,
                                 int downgradeAfterDays, int dormantAfterDays, int churnedAfterDays,
                                 int loyalMinPurchases, boolean groupActivityCountsAsActive,
                                 java.time.LocalTime sweepAt) {
    }

    /**
     * The customer archive: the region used to read phone numbers written without +country code, and
     * the earliest date a purchase may have (before it, the shop did not exist: a typo such as 1900).
     */
    public record Archive(String phoneRegion, java.time.LocalDate earliestDate) {
        public Archive(String phoneRegion) {
            this(phoneRegion, java.time.LocalDate.of(2000, 1, 1));
        }
    }
}
