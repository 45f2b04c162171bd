package app.liuke.tier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Day arithmetic in the shop's time zone. The classification SQL counts whole local days as
 * {@code (epochSecond + offset) / 86400}; this class gives it today's number and the offset, so a
 * customer becomes dormant on the 90th local day, whatever the hour of the last purchase.
 */
public record ShopDays(ZoneId zone) {

    public int offsetSeconds(Instant now) {
        return zone.getRules().getOffset(now).getTotalSeconds();
    }

    public long dayNumber(Instant now) {
        return LocalDate.ofInstant(now, zone).toEpochDay();
    }

    /** The instant local day {@code dayNumber} starts. */
    public Instant startOfDay(long dayNumber) {
        return LocalDate.ofEpochDay(dayNumber).atStartOfDay(zone).toInstant();
    }
}
