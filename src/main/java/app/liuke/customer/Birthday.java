package app.liuke.customer;

import app.liuke.shared.InvalidInput;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A birthday; the year may be unknown. 29 February is allowed without a year. */
public record Birthday(Integer year, MonthDay monthDay) {
    private static final Pattern WITH_YEAR = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern NO_YEAR = Pattern.compile("(?:--)?(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

    public Birthday {
        java.util.Objects.requireNonNull(monthDay, "monthDay");
        if (year != null && !monthDay.isValidYear(year)) {
            throw new InvalidInput("birthday", "error.birthday.invalid", year + "-" + monthDay);
        }
    }

    /** Reads 1990-03-05, 1990/3/5, 1990年3月5日, 19900305, 03-05, 3月5日 or --03-05. */
    public static Birthday parse(String text, LocalDate today) {
        String value = text.strip();
        try {
            Matcher matcher = WITH_YEAR.matcher(value);
            if (!matcher.matches()) {
                matcher = COMPACT.matcher(value);
            }
            if (matcher.matches()) {
                int year = Integer.parseInt(matcher.group(1));
                var birthday = new Birthday(year, MonthDay.of(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
                if (year < 1900 || LocalDate.of(year, birthday.monthDay().getMonth(), birthday.monthDay().getDayOfMonth()).isAfter(today)) {
                    throw new InvalidInput("birthday", "error.birthday.outOfRange", value);
                }
                return birthday;
            }
            matcher = NO_YEAR.matcher(value);
            if (matcher.matches()) {
                return new Birthday(null, MonthDay.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
            }
        } catch (DateTimeException e) {
            throw new InvalidInput("birthday", "error.birthday.invalid", value);
        }
        throw new InvalidInput("birthday", "error.birthday.invalid", value);
    }

    /** The stored form of the month and day: {@code MM-DD}. */
    public String monthDayText() {
        return String.format("%02d-%02d", monthDay.getMonthValue(), monthDay.getDayOfMonth());
    }

    /** ISO form: 1990-03-05, or --03-05 when the year is unknown. */
    public String iso() {
        return year == null ? "--" + monthDayText() : String.format("%04d-%s", year, monthDayText());
    }

    public static Birthday fromText(Integer year, String monthDay) {
        return fromColumns(year, monthDay);
    }

    static Birthday fromColumns(Integer year, String monthDay) {
        return monthDay == null ? null : new Birthday(year, MonthDay.parse("--" + monthDay));
    }
}
