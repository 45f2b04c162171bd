package app.liuke.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds, reads and validates {@code liuke.yaml}. Order: an explicit {@code --config FILE}, else
 * {@code config/liuke.yaml} in the working folder, else the copy embedded in the jar.
 */
public final class ConfigLoader {
    public static final Path DEFAULT_PATH = Path.of("config", "liuke.yaml");
    private static final String EMBEDDED = "/default-config/liuke.yaml";
    /** The lists the shipped config fills in: a shop's file that leaves one out keeps the shipped one (product.md). */
    static final List<String> SHIPPED_LISTS = List.of("offers", "campaigns.holidays.list", "campaigns.used-up.periods");

    private ConfigLoader() {
    }

    /** Loads and validates; throws {@link ConfigException} listing every error. */
    public static LiukeConfig load(Path explicit, Map<String, String> environment) {
        var result = read(explicit, environment);
        if (!result.errors().isEmpty()) {
            throw new ConfigException(result.errors());
        }
        return result.config();
    }

    /** Loads and validates without throwing on validation errors: for {@code liuke check}. */
    public static Result read(Path explicit, Map<String, String> environment) {
        var source = locate(explicit);
        var document = YamlDocument.parse(source.name(), source.text());
        var defaults = YamlDocument.parse(embedded().name(), embedded().text());
        for (String list : SHIPPED_LISTS) {
            document = document.withDefault(list, defaults);
        }
        var reader = new ConfigReader(document, environment);
        LiukeConfig config = bind(reader, source.name());
        return new Result(config, reader.finish());
    }

    public record Result(LiukeConfig config, List<ConfigError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    private record Source(String name, String text) {
    }

    private static Source locate(Path explicit) {
        Path file = explicit != null ? explicit : (Files.isRegularFile(DEFAULT_PATH) ? DEFAULT_PATH : null);
        if (file != null) {
            try {
                return new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ConfigException(List.of(new ConfigError(file.toString(), 0, "",
                        "cannot read the config file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")));
            }
        }
        return embedded();
    }

    private static Source embedded() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no embedded default config");
            }
            return new Source("(embedded default liuke.yaml)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LiukeConfig bind(ConfigReader reader, String sourceName) {
        reader.section("server");
        var server = new LiukeConfig.Server(
                reader.integer("server.port", 7070, 0, 65535),
                reader.string("server.adminToken", ""),
                reader.longValue("server.maxRequestBytes", 1_000_000, 1024, 100_000_000));
        reader.section("store");
        String url = reader.string("store.url", "");
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://")) {
            reader.error("store.url", "must be a PostgreSQL address such as jdbc:postgresql://db:5432/liuke (or empty for SQLite)");
        }
        var store = new LiukeConfig.Store(Path.of(reader.string("store.path", "data/liuke.db")), url, reader.string("store.user", ""),
                reader.string("store.password", ""), reader.integer("store.poolSize", 10, 1, 200));
        var timezone = reader.zone("timezone", "Asia/Shanghai");
        var locale = Locale.forLanguageTag(reader.oneOf("locale", "zh-CN", Set.of("zh-CN", "en")));
        var telegram = telegram(reader);
        var wechat = WechatConfig.wechat(reader, CampaignConfig.PRIORITIES.keySet());
        var wecom = WechatConfig.wecom(reader);
        reader.section("staff");
        var staff = new LiukeConfig.Staff(reader.longList("staff.owners"));
        reader.section("archive");
        String earliest = reader.string("archive.earliestDate", "2000-01-01");
        java.time.LocalDate earliestDate = java.time.LocalDate.of(2000, 1, 1);
        try {
            earliestDate = java.time.LocalDate.parse(earliest);
        } catch (java.time.format.DateTimeParseException e) {
            reader.error("archive.earliestDate", "must be a date such as 2000-01-01, not '" + earliest + "'");
        }
        var archive = new LiukeConfig.Archive(reader.string("archive.phoneRegion", "CN").toUpperCase(Locale.ROOT), earliestDate);
        if (!archive.phoneRegion().matches("[A-Z]{2}")) {
            reader.error("archive.phoneRegion", "must be a two-letter country code such as CN");
        }
        var botScripts = Path.of(reader.string("botScripts", "bot-scripts"));
        var surveys = OfferConfig.surveys(reader);
        var offers = OfferConfig.offers(reader, timezone);
        var campaigns = CampaignConfig.campaigns(reader);
        OfferConfig.checkGifts(reader, offers, campaigns);
        return new LiukeConfig(server, store, timezone, locale, telegram, wechat, wecom, staff, archive, points(reader),
                classification(reader), offers, surveys, CampaignConfig.contact(reader, surveys.cooldownDays()),
                CampaignConfig.dispatch(reader), campaigns, reports(reader), workbench(reader), botScripts, sourceName);
    }

    private static LiukeConfig.Points points(ConfigReader reader) {
        reader.section("points");
        return new LiukeConfig.Points(
                reader.integer("points.yuanPerPoint", 100, 1, 1_000_000),
                reader.integer("points.expireAfterDays", 0, 0, 36_500));
    }

    private static LiukeConfig.Classification classification(ConfigReader reader) {
        reader.section("tiers");
        reader.section("tiers.a");
        reader.section("tiers.b");
        reader.section("stages");
        int dormant = reader.integer("stages.dormantAfterDays", 90, 1, 3650);
        int churned = reader.integer("stages.churnedAfterDays", 365, 1, 3650);
        if (churned <= dormant) {
            reader.error("stages.churnedAfterDays", "must be more than stages.dormantAfterDays (" + dormant + ")");
        }
        reader.section("sweep");
        java.time.LocalTime sweepTime = reader.timeOfDay("sweep.at", "03:00");
        return new LiukeConfig.Classification(
                reader.integer("tiers.a.minPoints", 50, 1, 10_000_000),
                reader.integer("tiers.a.minPurchasesInWindow", 6, 1, 10_000),
                reader.integer("tiers.a.windowDays", 60, 1, 3650),
                reader.integer("tiers.b.minPurchases", 2, 1, 10_000),
                reader.integer("tiers.downgradeAfterDays", 180, 1, 3650),
                dormant, churned,
                reader.integer("stages.loyalMinPurchases", 10, 2, 10_000),
                reader.bool("stages.groupActivityCountsAsActive", true),
                sweepTime);
    }

    private static LiukeConfig.Telegram telegram(ConfigReader reader) {
        reader.section("telegram");
        boolean enabled = reader.bool("telegram.enabled", false);
        String mode = reader.oneOf("telegram.mode", "webhook", Set.of("webhook", "polling"));
        String token = enabled
                ? reader.requiredString("telegram.token", "when telegram.enabled is true (the token from @BotFather)")
                : reader.string("telegram.token", "");
        String secret = enabled && mode.equals("webhook")
                ? reader.requiredString("telegram.webhookSecret", "when telegram.mode is webhook")
                : reader.string("telegram.webhookSecret", "");
        String publicUrl = reader.string("telegram.publicUrl", "");
        String apiUrl = reader.string("telegram.apiUrl", "https://api.telegram.org");
        for (String key : List.of("telegram.publicUrl", "telegram.apiUrl")) {
            String value = key.endsWith("publicUrl") ? publicUrl : apiUrl;
            if (!value.isEmpty() && !value.matches("https?://\\S+")) {
                reader.error(key, "must be an http:// or https:// address, not '" + value + "'");
            }
        }
        return new LiukeConfig.Telegram(enabled, token, mode, secret, publicUrl, apiUrl);
    }

    private static app.liuke.report.ReportRules reports(ConfigReader reader) {
        reader.section("reports");
        var defaults = app.liuke.report.ReportRules.defaults();
        var slow = new java.util.HashSet<Integer>();
        for (long month : reader.longList("reports.slowMonths")) {
            if (month < 1 || month > 12) {
                reader.error("reports.slowMonths", "months are 1 to 12, not " + month);
            } else {
                slow.add((int) month);
            }
        }
        return new app.liuke.report.ReportRules(reader.integer("reports.quota", defaults.quota(), 0, 100_000),
                reader.integer("reports.slowMonthQuota", defaults.slowMonthQuota(), 0, 100_000), slow);
    }

    private static app.liuke.workbench.WorkbenchRules workbench(ConfigReader reader) {
        reader.section("workbench");
        var d = app.liuke.workbench.WorkbenchRules.defaults();
        return new app.liuke.workbench.WorkbenchRules(
                reader.integer("workbench.followUpEveryDays", d.followUpEveryDays(), 1, 3650),
                reader.integer("workbench.newCustomerDays", d.newCustomerDays(), 0, 3650),
                reader.integer("workbench.notBoughtAgainDays", d.notBoughtAgainDays(), 1, 3650),
                reader.integer("workbench.birthdayDays", d.birthdayDays(), 0, 31),
                reader.integer("workbench.taskDueHours", d.taskDueHours(), 1, 24 * 365),
                reader.integer("workbench.escalateAfterDays", d.escalateAfterDays(), 0, 365),
                reader.timeOfDay("workbench.remindAt", d.remindAt().toString()),
                reader.timeOfDay("workbench.digestAt", d.digestAt().toString()),
                reader.integer("workbench.pageSize", d.pageSize(), 1, 30));
    }
}
