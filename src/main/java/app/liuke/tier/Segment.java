package app.liuke.tier;

import app.liuke.shared.InvalidInput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A segment of customers written as filters separated by spaces, all of which must hold, e.g.
 * {@code tier:A,B stage:dormant tag:VIP rfm.r<=2 birthday:next-7-days store:南京西路店}.
 * Parsed once into a SQL condition on {@code customer c} with its own parameters. See README "Segments".
 */
public record Segment(String text, String where, List<Object> parameters) {
    public static final Set<String> FILTERS = Set.of("tier", "stage", "tag", "store", "staff", "group", "birthday",
            "optedout", "channel", "rfm.r", "rfm.f", "rfm.m", "points", "purchases", "spent", "inactive");
    private static final Pattern COMPARISON = Pattern.compile("(rfm\\.[rfm]|points|purchases|spent|inactive)(<=|>=|<|>|=)(\\d{1,9})");
    private static final Pattern BIRTHDAY_DAYS = Pattern.compile("next-(\\d{1,3})-days");
    private static final int MAX_LENGTH = 500;

    public Segment {
        parameters = List.copyOf(parameters);
    }

    public static Segment everyone() {
        return new Segment("", "1 = 1", List.of());
    }

    public static Segment parse(String text, ShopDays days, Instant now) {
        if (text == null || text.isBlank()) {
            return everyone();
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInput("segment", "error.text.tooLong", MAX_LENGTH);
        }
        var builder = new Builder(days, now);
        for (String token : text.strip().split("\\s+")) {
            builder.add(token);
        }
        return new Segment(text.strip(), String.join(" AND ", builder.conditions), builder.parameters);
    }

    /** Named parameters as name/value pairs, for {@code Handle}. */
    public Object[] pairs() {
        return parameters.toArray();
    }

    private static final class Builder {
        private final ShopDays days;
        private final Instant now;
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        Builder(ShopDays days, Instant now) {
            this.days = days;
            this.now = now;
        }

        void add(String token) {
            Matcher comparison = COMPARISON.matcher(token.toLowerCase(Locale.ROOT));
            if (comparison.matches()) {
                compare(comparison.group(1), comparison.group(2), Long.parseLong(comparison.group(3)));
                return;
            }
            int colon = token.indexOf(':');
            String key = colon < 0 ? token : token.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : token.substring(colon + 1);
            if (!FILTERS.contains(key)) {
                throw new InvalidInput("segment", "error.segment.unknown", token, String.join(", ", new java.util.TreeSet<>(FILTERS)));
            }
            if (value.isEmpty()) {
                throw new InvalidInput("segment", "error.segment.value", token);
            }
            switch (key) {
                case "tier" -> in("c.tier", list(value, v -> Tier.parse(v).name()));
                case "stage" -> in("c.stage", list(value, v -> Stage.parse(v).code()));
                case "tag" -> conditions.add("c.id IN (SELECT customer_id FROM customer_tag WHERE tag = " + param(value) + ")");
                case "store" -> conditions.add("c.store = " + param(value));
                case "staff" -> conditions.add(value.matches("\\d+") ? "c.owner_staff_id = " + param(Long.parseLong(value))
                        : "c.owner_staff_id IN (SELECT id FROM staff WHERE name = " + param(value) + ")");
                case "group" -> conditions.add("c.staff_group_id IN (SELECT id FROM staff_group WHERE name = " + param(value) + ")");
                case "birthday" -> birthday(token, value);
                case "optedout" -> conditions.add("c.opted_out = " + param(yesNo(token, value) ? 1 : 0));
                case "channel" -> conditions.add("c.id IN (SELECT customer_id FROM channel_identity WHERE channel = "
                        + param(value.toLowerCase(Locale.ROOT)) + ")");
                default -> throw new InvalidInput("segment", "error.segment.value", token);
            }
        }

        private void compare(String key, String operator, long number) {
            switch (key) {
                case "rfm.r", "rfm.f", "rfm.m" -> conditions.add("c.rfm_" + key.charAt(4) + " " + operator + " " + param(number));
                case "points" -> conditions.add("c.points_balance " + operator + " " + param(number));
                case "purchases" -> conditions.add("c.purchase_count " + operator + " " + param(number));
                case "spent" -> conditions.add("c.purchase_total_cents " + operator + " " + param(number * 100));
                default -> inactive(operator, number);
            }
        }

        /** Whole local days since the last purchase; customers who never bought are not "inactive". */
        private void inactive(String operator, long number) {
            long today = days.dayNumber(now);
            int offset = days.offsetSeconds(now);
            conditions.add("c.last_purchase_at IS NOT NULL AND " + param(today) + " - (c.last_purchase_at + " + param(offset)
                    + ") / 86400 " + operator + " " + param(number));
        }

        private void birthday(String token, String value) {
            LocalDate today = LocalDate.ofEpochDay(days.dayNumber(now));
            int count;
            if (value.equalsIgnoreCase("today")) {
                count = 1;
            } else {
                Matcher matcher = BIRTHDAY_DAYS.matcher(value.toLowerCase(Locale.ROOT));
                if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < 1 || Integer.parseInt(matcher.group(1)) > 366) {
                    throw new InvalidInput("segment", "error.segment.birthday", token);
                }
                count = Integer.parseInt(matcher.group(1));
            }
            var monthDays = new LinkedHashSet<String>();
            for (int i = 0; i < count; i++) {
                LocalDate date = today.plusDays(i);
                monthDays.add(String.format("%02d-%02d", date.getMonthValue(), date.getDayOfMonth()));
                if (MonthDay.from(date).equals(MonthDay.of(2, 28)) && !date.isLeapYear()) {
                    monthDays.add("02-29");
                }
            }
            in("c.birth_month_day", new ArrayList<>(monthDays));
        }

        private void in(String column, List<String> values) {
            var placeholders = new ArrayList<String>();
            values.forEach(value -> placeholders.add(param(value)));
            conditions.add(column + " IN (" + String.join(", ", placeholders) + ")");
        }

        private static List<String> list(String value, java.util.function.Function<String, String> parse) {
            try {
                return List.of(value.split(",")).stream().filter(v -> !v.isBlank()).map(parse).toList();
            } catch (InvalidInput e) {
                throw new InvalidInput("segment", e.textKey(), e.args().toArray());
            }
        }

        private static boolean yesNo(String token, String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "yes", "true", "1", "是" -> true;
                case "no", "false", "0", "否" -> false;
                default -> throw new InvalidInput("segment", "error.segment.value", token);
            };
        }

        private String param(Object value) {
            String name = "seg" + parameters.size() / 2;
            parameters.add(name);
            parameters.add(value);
            return ":" + name;
        }
    }
}
