package app.liuke.campaign;

import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.Calendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Dates of the configured holidays: MM-DD is a Gregorian date; lunar-MM-DD a date of the Chinese
 * calendar (Spring Festival lunar-01-01, Mid-Autumn lunar-08-15), computed by ICU4J for any year.
 */
final class HolidayCalendar {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588;

    private HolidayCalendar() {
    }

    /** The holiday's dates in the lunar or Gregorian years {@code year - 1} to {@code year + 1}. */
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
        return LocalDate.ofEpochDay(calendar.get(Calendar.JULIAN_DAY) - JULIAN_DAY_OF_EPOCH);
    }
}
