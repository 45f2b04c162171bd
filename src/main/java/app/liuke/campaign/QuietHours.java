package app.liuke.campaign;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Nothing goes out from {@code from} to {@code to} shop time (the span may cross midnight, as 21:00–09:00 does). */
record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

    boolean quiet(Instant when) {
        LocalTime time = when.atZone(zone).toLocalTime();
        if (from.equals(to)) {
            return false;
        }
        return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
    }

    /** {@code when} itself when it is allowed, otherwise the end of the quiet span it falls in. */
    Instant nextAllowed(Instant when) {
        if (!quiet(when)) {
            return when;
        }
        ZonedDateTime local = when.atZone(zone);
        ZonedDateTime end = local.with(to).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
