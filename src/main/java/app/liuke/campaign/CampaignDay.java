package app.liuke.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The shop day a campaign runs for: its date, the instant, and where each shop date starts. */
public record CampaignDay(LocalDate date, Instant now, ZoneId zone) {
    public static CampaignDay of(Instant now, ZoneId zone) {
        return new CampaignDay(now.atZone(zone).toLocalDate(), now, zone);
    }

    /** Epoch seconds at which {@code day} starts in the shop. */
    public long start(LocalDate day) {
        return day.atStartOfDay(zone).toEpochSecond();
    }

    /** Days since 1970-01-01 of the shop date: the slot a contact takes. */
    public long number() {
        return date.toEpochDay();
    }
}
