package app.liuke.report;

import app.liuke.shared.InvalidInput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Whole shop days {@code from} to {@code to}, both included. */
public record Period(LocalDate from, LocalDate to) {
    /** Ten years: enough for any report, small enough that a typo such as 20226 is caught. */
    static final long MAX_DAYS = 3660;

    public Period {
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "error.report.period", from, to);
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new InvalidInput("to", "error.report.tooLong", from, to);
        }
    }

    /**
     * The period the caller asked for: {@code from} and {@code to} as 2026-03-01 (either may be blank);
     * without {@code from}, the month of {@code to} (or of today) so far.
     */
    public static Period parse(String from, String to, LocalDate today) {
        LocalDate end = blank(to) ? today : date("to", to);
        LocalDate start = blank(from) ? end.withDayOfMonth(1) : date("from", from);
        return new Period(start, end);
    }

    public static Period day(LocalDate day) {
        return new Period(day, day);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "error.report.date", text.length() > 20 ? text.substring(0, 20) + "…" : text);
        }
    }

    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
