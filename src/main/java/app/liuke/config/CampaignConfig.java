package app.liuke.config;

import app.liuke.campaign.CampaignSettings;
import app.liuke.campaign.CampaignSettings.Holiday;
import app.liuke.campaign.CampaignSettings.Purpose;
import app.liuke.campaign.CampaignSettings.UsagePeriod;
import app.liuke.campaign.ContactRules;
import app.liuke.outbox.DispatchRules;
import app.liuke.tier.Tier;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds {@code contact}, {@code dispatch} and {@code campaigns} (the standing campaigns and their defaults). */
final class CampaignConfig {
    /** The standing campaigns, with their default priority (birthday > holidays > thanks > follow-up > survey > offers). */
    static final Map<String, Integer> PRIORITIES = defaults();
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CampaignConfig() {
    }

    private static Map<String, Integer> defaults() {
        var map = new LinkedHashMap<String, Integer>();
        map.put("birthday", 100);
        map.put("holidays", 90);
        map.put("thanks", 80);
        map.put("follow-up", 70);
        map.put("downgrade", 65);
        map.put("used-up", 60);
        map.put("reactivation", 50);
        map.put("broadcast", 40);
        return map;
    }

    static ContactRules contact(ConfigReader reader, int surveyCooldownDays) {
        reader.section("contact");
        reader.section("contact.quietHours");
        LocalTime from = time(reader, "contact.quietHours.from", "21:00");
        LocalTime to = time(reader, "contact.quietHours.to", "09:00");
        reader.section("contact.caps");
        var caps = new EnumMap<Tier, ContactRules.Cap>(Tier.class);
        int[][] fallback = {{1, 7}, {1, 15}, {0, 15}};
        for (Tier tier : Tier.values()) {
            String path = "contact.caps." + tier.name();
            reader.section(path);
            caps.put(tier, new ContactRules.Cap(reader.integer(path + ".messages", fallback[tier.ordinal()][0], 0, 100),
                    reader.integer(path + ".days", fallback[tier.ordinal()][1], 1, 365)));
        }
        return new ContactRules(from, to, caps, reader.integer("contact.maxPerDay", 1, 1, 10), surveyCooldownDays);
    }

    static DispatchRules dispatch(ConfigReader reader) {
        reader.section("dispatch");
        var defaults = DispatchRules.defaults();
        return new DispatchRules(reader.integer("dispatch.perSecond", defaults.perSecond(), 1, 100_000),
                reader.integer("dispatch.perChatPerSecond", defaults.perChatPerSecond(), 1, 1000),
                reader.integer("dispatch.perGroupPerMinute", defaults.perGroupPerMinute(), 1, 60_000),
                reader.integer("dispatch.leaseSeconds", defaults.leaseSeconds(), 1, 3600));
    }

    static List<CampaignSettings> campaigns(ConfigReader reader) {
        reader.section("campaigns");
        var all = new ArrayList<CampaignSettings>();
        PRIORITIES.forEach((name, priority) -> all.add(campaign(reader, name, priority)));
        return all;
    }

    private static CampaignSettings campaign(ConfigReader reader, String name, int priority) {
        String path = "campaigns." + name;
        reader.section(path);
        String schedule = reader.string(path + ".schedule", name.equals("broadcast") ? "" : defaultSchedule(name));
        if (!schedule.isBlank()) {
            try {
                CRON.parse(schedule).validate();
            } catch (IllegalArgumentException e) {
                reader.error(path + ".schedule", "must be a cron expression such as \"0 10 * * *\" (minute hour day month weekday), not '"
                        + schedule + "'");
                schedule = "";
            }
        }
        String purpose = reader.oneOf(path + ".purpose", Set.of("downgrade", "used-up", "broadcast").contains(name)
                ? "marketing" : "care", Set.of("care", "marketing"));
        int days = reader.integer(path + ".days", defaultDays(name), 0, 3650);
        if (name.equals("thanks") && (days < 1 || days > 2)) {
            reader.error(path + ".days", "must be 1 or 2 (thank within 1–2 days of a purchase)");
        }
        return new CampaignSettings(name, reader.bool(path + ".enabled", true), schedule,
                reader.integer(path + ".priority", priority, 1, 1000), Purpose.valueOf(purpose.toUpperCase(java.util.Locale.ROOT)),
                days, gifts(reader, path + ".gifts", name.equals("birthday")
                        ? Map.of(Tier.A, "birthday-a", Tier.B, "birthday-b", Tier.C, "birthday-c") : Map.of()),
                reader.string(path + ".offer", name.equals("reactivation") ? "welcome-back" : ""),
                reader.string(path + ".survey", name.equals("reactivation") ? "dormant"
                        : name.equals("follow-up") ? "post-purchase" : ""),
                reader.integer(path + ".stepDays", 3, 1, 365), reader.integer(path + ".periodDays", 180, 1, 3650),
                reader.bool(path + ".winBack", true), reader.integer(path + ".conversionDays", 30, 1, 365),
                reader.integer(path + ".expireHours", 24, 1, 24 * 14),
                name.equals("holidays") ? holidays(reader, path + ".list") : List.of(),
                name.equals("used-up") ? usage(reader, path + ".periods") : List.of());
    }

    private static String defaultSchedule(String name) {
        return switch (name) {
            case "birthday", "holidays" -> "0 9 * * *";
            case "follow-up" -> "0 15 * * *";
            case "reactivation" -> "0 11 * * *";
            default -> "0 10 * * *";
        };
    }

    private static int defaultDays(String name) {
        return switch (name) {
            case "thanks" -> 1;
            case "birthday", "holidays" -> 4;
            case "follow-up" -> 7;
            case "downgrade" -> 14;
            default -> 0;
        };
    }

    private static Map<Tier, String> gifts(ConfigReader reader, String path, Map<Tier, String> fallback) {
        reader.section(path);
        var gifts = new EnumMap<Tier, String>(Tier.class);
        for (Tier tier : Tier.values()) {
            String offer = reader.string(path + "." + tier.name(), fallback.getOrDefault(tier, ""));
            if (!offer.isBlank()) {
                gifts.put(tier, offer);
            }
        }
        return gifts;
    }

    private static List<Holiday> holidays(ConfigReader reader, String path) {
        var list = new ArrayList<Holiday>();
        for (int i = 0; i < reader.listSize(path); i++) {
            String item = path + "[" + i + "]";
            reader.section(item);
            String date = reader.string(item + ".date", "");
            if (!date.matches("(lunar-)?(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")) {
                reader.error(item + ".date", "must be MM-DD such as 10-01, or lunar-MM-DD such as lunar-01-01, not '" + date + "'");
            }
            String name = reader.requiredString(item + ".name", "(a short name such as spring-festival)");
            var dates = new ArrayList<LocalDate>();
            for (String published : reader.stringList(item + ".dates")) {
                try {
                    dates.add(LocalDate.parse(published));
                } catch (java.time.format.DateTimeParseException e) {
                    reader.error(item + ".dates", "must be dates such as 2027-02-06, not '" + published + "'");
                }
            }
            list.add(new Holiday(name, reader.string(item + ".label", name), date, gifts(reader, item + ".gifts", Map.of()), dates));
        }
        return list;
    }

    private static List<UsagePeriod> usage(ConfigReader reader, String path) {
        var list = new ArrayList<UsagePeriod>();
        for (int i = 0; i < reader.listSize(path); i++) {
            String item = path + "[" + i + "]";
            reader.section(item);
            list.add(new UsagePeriod(reader.requiredString(item + ".match", "(a product or category name)"),
                    reader.integer(item + ".days", 30, 1, 3650)));
        }
        return list;
    }

    private static LocalTime time(ConfigReader reader, String path, String fallback) {
        String text = reader.string(path, fallback);
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (java.time.format.DateTimeParseException e) {
            reader.error(path, "must be a time of day such as 21:00, not '" + text + "'");
            return LocalTime.parse(fallback);
        }
    }
}
