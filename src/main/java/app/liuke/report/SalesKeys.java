package app.liuke.report;

import app.liuke.store.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a row is filed under. A row has the columns of a purchase (1 purchased_at, 2 customer_id,
 * 3 amount_cents, 4 staff_id, 5 store, 6 items) or the same shape for a survey answer or a reactivation
 * (1 when, 2 customer_id, 3 its value, 4 staff_id, 5 store, 6 items). Time keys are exact shop days,
 * also across summer time.
 */
interface SalesKeys {
    int[] of(ResultSet row, KeyIndex index) throws SQLException;

    /** Whether rows read in time order arrive in key order (a customer's keys never come back). */
    default boolean inKeyOrder() {
        return false;
    }

    default boolean needsItems() {
        return false;
    }

    static SalesKeys total() {
        return new SalesKeys() {
            @Override
            public int[] of(ResultSet row, KeyIndex index) {
                return index.only("total");
            }

            @Override
            public boolean inKeyOrder() {
                return true;
            }
        };
    }

    static SalesKeys of(Dimension by, Period period, ZoneId zone, Handle handle) {
        return switch (by) {
            case DAY, MONTH, YEAR -> TimeBuckets.of(by, period, zone);
            case STORE -> (row, index) -> index.only(orBlank(row.getString(5)));
            case STAFF -> staff(names(handle, "SELECT id, name FROM staff"));
            case GROUP -> group(handle);
            case PRODUCT -> new Products();
        };
    }

    private static String orBlank(String text) {
        return text == null ? "" : text;
    }

    private static Map<Long, String> names(Handle handle, String sql) {
        var names = new HashMap<Long, String>();
        handle.stream(sql, row -> Map.entry(row.getLong(1), orBlank(row.getString(2))), e -> names.put(e.getKey(), e.getValue()));
        return names;
    }

    private static SalesKeys staff(Map<Long, String> names) {
        return (row, index) -> {
            long staff = row.getLong(4);
            return index.only(row.wasNull() ? "" : names.getOrDefault(staff, ""));
        };
    }

    /** The staff member's group; for a sale without staff (or by staff without a group) the customer's. */
    private static SalesKeys group(Handle handle) {
        var groupNames = names(handle, "SELECT id, name FROM staff_group");
        var staffGroups = new HashMap<Long, Long>();
        handle.stream("SELECT id, staff_group_id FROM staff WHERE staff_group_id IS NOT NULL",
                row -> Map.entry(row.getLong(1), row.getLong(2)), e -> staffGroups.put(e.getKey(), e.getValue()));
        var customerGroups = new int[1][];
        return (row, index) -> {
            Long group = staffGroups.get(row.getLong(4));
            long customer = row.getLong(2);
            if (group == null && !row.wasNull()) {
                if (customerGroups[0] == null) {
                    customerGroups[0] = customerGroups(handle);
                }
                int[] groups = customerGroups[0];
                group = customer < groups.length && groups[(int) customer] != 0 ? (long) groups[(int) customer] : null;
            }
            return index.only(group == null ? "" : groupNames.getOrDefault(group, ""));
        };
    }

    /** Each customer's group id by customer id (0: none), read once, only when a sale without staff needs it. */
    private static int[] customerGroups(Handle handle) {
        int[] groups = new int[(int) handle.queryLong("SELECT coalesce(max(id), 0) FROM customer") + 1];
        handle.stream("SELECT id, staff_group_id FROM customer WHERE staff_group_id IS NOT NULL",
                row -> new int[]{row.getInt(1), row.getInt(2)}, pair -> groups[pair[0]] = pair[1]);
        return groups;
    }

    /** Day, month or year buckets of the period, each starting at the shop's midnight. */
    record TimeBuckets(long[] starts, String[] labels) implements SalesKeys {
        static TimeBuckets of(Dimension by, Period period, ZoneId zone) {
            var starts = new ArrayList<Long>();
            var labels = new ArrayList<String>();
            for (LocalDate day = period.from(); !day.isAfter(period.to()); day = next(by, day)) {
                starts.add(day.atStartOfDay(zone).toEpochSecond());
                labels.add(switch (by) {
                    case DAY -> day.toString();
                    case MONTH -> day.toString().substring(0, 7);
                    default -> String.valueOf(day.getYear());
                });
            }
            return new TimeBuckets(starts.stream().mapToLong(Long::longValue).toArray(), labels.toArray(String[]::new));
        }

        private static LocalDate next(Dimension by, LocalDate day) {
            return switch (by) {
                case DAY -> day.plusDays(1);
                case MONTH -> day.withDayOfMonth(1).plusMonths(1);
                default -> day.withDayOfYear(1).plusYears(1);
            };
        }

        @Override
        public int[] of(ResultSet row, KeyIndex index) throws SQLException {
            int bucket = Arrays.binarySearch(starts, row.getLong(1));
            return index.only(labels[bucket >= 0 ? bucket : -bucket - 2]);
        }

        @Override
        public boolean inKeyOrder() {
            return true;
        }
    }

    /** Each item a purchase lists (one line each); a purchase without items is "". */
    final class Products implements SalesKeys {
        @Override
        public int[] of(ResultSet row, KeyIndex index) throws SQLException {
            String items = row.getString(6);
            if (items == null) {
                return index.only("");
            }
            List<String> names = Arrays.stream(items.split("\n")).map(String::strip).distinct().toList();
            int[] keys = new int[names.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = index.key(names.get(i));
            }
            return keys;
        }

        @Override
        public boolean needsItems() {
            return true;
        }
    }
}
