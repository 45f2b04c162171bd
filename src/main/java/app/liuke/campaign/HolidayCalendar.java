package app.liuke.campaign;

import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.Calendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dates of the configured holidays: MM-DD is a Gregorian date; lunar-MM-DD a date of the Chinese
 * calendar (Spring Festival lunar-01-01, Mid-Autumn lunar-08-15), computed by ICU4J for any year and
 * then corrected where ICU's approximation of the new moon disagrees with the published calendar
 * (GB/T 33661-2017, as the Purple Mountain Observatory and the Hong Kong Observatory publish it).
 */
public final class HolidayCalendar {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588;
    /**
     * Lunar months whose first day ICU4J 78 puts a day off the published calendar, as (lunar year,
     * month) → days to add. Both new moons fall within minutes of midnight China time: 2027-02-06 23:56
     * (ICU: after midnight) and 2030-02-03 00:07 (ICU: before). Checked for Spring Festival, Dragon Boat
     * and Mid-Autumn 2025–2035; a shop can also give a holiday's published {@code dates} in config.
     */
    private static final Map<Integer, Integer> CORRECTIONS = Map.of(
            key(2027, 1), -1,
            key(2030, 1), +1);

    private HolidayCalendar() {
    }

    private static int key(int lunarYear, int month) {
        return lunarYear * 100 + month;
    }

    /**
     * The holiday's dates in the lunar or Gregorian years {@code year - 1} to {@code year + 1}; a
     * {@code published} date replaces the computed one of the same Gregorian year.
     */
    static List<LocalDate> around(String date, List<LocalDate> published, int year) {
        var dates = new ArrayList<LocalDate>();
        for (LocalDate computed : around(date, year)) {
            dates.add(published.stream().filter(p -> p.getYear() == computed.getYear()).findFirst().orElse(computed));
        }
        return dates;
    }

    /** A holiday on a date: what {@link #between} finds. */
    public record Upcoming(String label, LocalDate date) {
    }

    /** The configured holidays that fall from {@code from} to {@code to} (both included), by date. */
    public static List<Upcoming> between(List<CampaignSettings.Holiday> holidays, LocalDate from, LocalDate to) {
        var found = new ArrayList<Upcoming>();
        for (CampaignSettings.Holiday holiday : holidays) {
            for (LocalDate date : around(holiday.date(), holiday.dates(), from.getYear())) {
                if (!date.isBefore(from) && !date.isAfter(to)) {
                    found.add(new Upcoming(holiday.label(), date));
                }
            }
        }
        found.sort(java.util.Comparator.comparing(Upcoming::date));
        return found;
    }

    static List<LocalDate> around(String date, int year) {
        var dates = new ArrayList<LocalDate>();
        boolean lunar = date.startsWith("lunar-");
        String[] parts = date.substring(lunar ? 6 : 0).split("-");
        int month = Integer.parseInt(parts[0]);
        int day = Integer.parseInt(parts[1]);
        for (int y = year - 1; y <= year + 1; y++) {
            if (lunar) {
                dates.add(lunar(y, month, day));
            } else if (day <= java.time.YearMonth.of(y, month).lengthOfMonth()) {
                dates.add(LocalDate.of(y, month, day));
            }
        }
        return dates;
    }

    /** The Gregorian date of lunar {@code month}-{@code day} in the lunar year that begins in Gregorian {@code year}. */
    static LocalDate lunar(int year, int month, int day) {
        var calendar = new ChineseCalendar();
        // 1 March always lies in the lunar year that began in the same Gregorian year (New Year falls 21 Jan – 20 Feb).
        calendar.set(Calendar.JULIAN_DAY, (int) (LocalDate.of(year, 3, 1).toEpochDay() + JULIAN_DAY_OF_EPOCH));
        int lunarYear = calendar.get(Calendar.EXTENDED_YEAR);
        calendar.clear();
        calendar.set(Calendar.EXTENDED_YEAR, lunarYear);
        calendar.set(Calendar.MONTH, month - 1);
        calendar.set(ChineseCalendar.IS_LEAP_MONTH, 0);
        calendar.set(Calendar.DAY_OF_MONTH, day);
        return LocalDate.ofEpochDay(calendar.get(Calendar.JULIAN_DAY) - JULIAN_DAY_OF_EPOCH)
                .plusDays(CORRECTIONS.getOrDefault(key(year, month), 0));
    }
}
