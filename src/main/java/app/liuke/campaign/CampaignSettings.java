package app.liuke.campaign;

import app.liuke.tier.Tier;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One standing campaign's rules from {@code campaigns.<name>} in config. Fields a campaign does not
 * use keep their defaults: {@code days} is the campaign's main distance in days (after a purchase,
 * before a birthday …), {@code gifts} the offer id per tier, {@code offer}/{@code survey} what a
 * reactivation hands out, {@code stepDays} the wait before its survey, {@code periodDays} the gap
 * between two sequences for one customer.
 */
public record CampaignSettings(String name, boolean enabled, String schedule, int priority, Purpose purpose, int days,
                               Map<Tier, String> gifts, String offer, String survey, int stepDays, int periodDays,
                               boolean winBack, int conversionDays, int expireHours, List<Holiday> holidays,
                               List<UsagePeriod> usage) {

    /** care: a must-do contact (not counted against the tier caps); marketing: counted and capped. */
    public enum Purpose { CARE, MARKETING;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A holiday: {@code date} is MM-DD (Gregorian) or lunar-MM-DD (Chinese calendar); {@code label} is
     * what customers read; {@code dates} are published dates that replace the computed one in their year.
     */
    public record Holiday(String name, String label, String date, Map<Tier, String> gifts, List<java.time.LocalDate> dates) {
        public Holiday {
            gifts = Map.copyOf(gifts);
            dates = List.copyOf(dates);
        }
    }

    /** Items whose name contains {@code match} are probably used up {@code days} days after the purchase. */
    public record UsagePeriod(String match, int days) {
    }

    public CampaignSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(purpose, "purpose");
        gifts = Map.copyOf(gifts);
        holidays = List.copyOf(holidays);
        usage = List.copyOf(usage);
    }
}
