package app.liuke.shared;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates shop staff write: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, each
 * optionally followed by a time (14:30 or 14:30:15), and full ISO-8601 with an offset. A date
 * without a time means the start of that day in the shop's time zone. Thread-safe.
 */
public final class FlexibleDates {
    private static final Pattern LOCAL = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private final ZoneId zone;

    public FlexibleDates(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant parse(String field, String text) {
        String value = text == null ? "" : text.strip();
        try {
            if (value.matches(".*T.*([+-]\\d{2}:?\\d{2}|Z)$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            Matcher matcher = LOCAL.matcher(value);
            if (!matcher.matches()) {
                matcher = COMPACT.matcher(value);
            }
            if (matcher.matches()) {
                var date = LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3)));
                var time = matcher.groupCount() > 3 && matcher.group(4) != null
                        ? LocalTime.of(Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)),
                        matcher.group(6) == null ? 0 : Integer.parseInt(matcher.group(6)))
                        : LocalTime.MIDNIGHT;
                return date.atTime(time).atZone(zone).toInstant();
            }
        } catch (DateTimeException e) {
            throw new InvalidInput(field, "error.date.invalid", value);
        }
        throw new InvalidInput(field, "error.date.invalid", value.length() > 40 ? value.substring(0, 40) + "…" : value);
    }

    public LocalDate today(java.time.Clock clock) {
        return LocalDate.now(clock.withZone(zone));
    }

    /** Formats an instant as ISO-8601 in the shop's zone, e.g. 2024-03-05T14:30:00+08:00. */
    public String format(Instant instant) {
        return instant == null ? null : java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, zone));
    }
}
