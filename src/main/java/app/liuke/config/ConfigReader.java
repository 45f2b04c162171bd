package app.liuke.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of a {@link YamlDocument}, substituting {@code ${ENV}} and
 * {@code ${ENV:-default}}, and collects every error (with key and line) instead of stopping at
 * the first. Keys that no reader asked for are reported as unknown. Not thread-safe: one per load.
 */
public final class ConfigReader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private final YamlDocument document;
    private final Map<String, String> environment;
    private final List<ConfigError> errors = new ArrayList<>();
    private final Set<String> known = new HashSet<>();

    public ConfigReader(YamlDocument document, Map<String, String> environment) {
        this.document = document;
        this.environment = Map.copyOf(environment);
    }

    public String string(String path, String fallback) {
        JsonNode node = node(path);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            return fail(path, "must be a single value, not a list or section", fallback);
        }
        return substitute(path, node.asText());
    }

    /** A value that must be present and non-blank. */
    public String requiredString(String path, String why) {
        String value = string(path, "");
        if (value.isBlank()) {
            error(path, "is required " + why);
        }
        return value;
    }

    public int integer(String path, int fallback, int min, int max) {
        return number(path, fallback, min, max, Integer::parseInt);
    }

    public long longValue(String path, long fallback, long min, long max) {
        return number(path, fallback, min, max, Long::parseLong);
    }

    private <N extends Number> N number(String path, N fallback, long min, long max, Function<String, N> parse) {
        String text = string(path, null);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            N value = parse.apply(text.strip());
            if (value.longValue() < min || value.longValue() > max) {
                return fail(path, "must be between " + min + " and " + max + ", not " + text, fallback);
            }
            return value;
        } catch (NumberFormatException e) {
            return fail(path, "must be a whole number, not '" + text + "'", fallback);
        }
    }

    public boolean bool(String path, boolean fallback) {
        String text = string(path, null);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> fail(path, "must be true or false, not '" + text + "'", fallback);
        };
    }

    public String oneOf(String path, String fallback, Set<String> allowed) {
        String value = string(path, fallback);
        if (!allowed.contains(value)) {
            return fail(path, "must be one of " + new java.util.TreeSet<>(allowed) + ", not '" + value + "'", fallback);
        }
        return value;
    }

    public ZoneId zone(String path, String fallback) {
        String value = string(path, fallback);
        try {
            return ZoneId.of(value);
        } catch (RuntimeException e) {
            return fail(path, "is not a time zone such as Asia/Shanghai: '" + value + "'", ZoneId.of(fallback));
        }
    }

    /** A time of day such as 09:00 (9:00 is accepted too). */
    public java.time.LocalTime timeOfDay(String path, String fallback) {
        String value = string(path, fallback);
        try {
            return java.time.LocalTime.parse(value.length() == 4 ? "0" + value : value);
        } catch (java.time.format.DateTimeParseException e) {
            return fail(path, "must be a time of day such as " + fallback + ", not '" + value + "'", java.time.LocalTime.parse(fallback));
        }
    }

    public List<Long> longList(String path) {
        JsonNode node = node(path);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            return fail(path, "must be a list, for example [12345, 67890]", List.of());
        }
        var values = new ArrayList<Long>();
        for (int i = 0; i < node.size(); i++) {
            String item = path + "[" + i + "]";
            known.add(item);
            String text = substitute(item, node.get(i).asText());
            try {
                values.add(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                error(item, "must be a whole number, not '" + text + "'");
            }
        }
        return List.copyOf(values);
    }

    /** The number of entries of a list of sections (0 when absent); reports it when present but not a list. */
    public int listSize(String path) {
        JsonNode node = node(path);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isArray()) {
            return fail(path, "must be a list (each entry starts with -)", 0);
        }
        return node.size();
    }

    /** A list of words, written [A, B] or as one comma-separated value. */
    public List<String> stringList(String path) {
        JsonNode node = node(path);
        if (node == null || node.isNull()) {
            return List.of();
        }
        var values = new ArrayList<String>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                known.add(path + "[" + i + "]");
                values.add(substitute(path + "[" + i + "]", node.get(i).asText()).strip());
            }
        } else if (node.isValueNode()) {
            for (String word : substitute(path, node.asText()).split(",")) {
                if (!word.isBlank()) {
                    values.add(word.strip());
                }
            }
        } else {
            error(path, "must be a list, for example [A, B]");
        }
        return List.copyOf(values);
    }

    /** The names under section {@code path}, in file order (none when it is absent). */
    public List<String> keys(String path) {
        JsonNode node = node(path);
        if (node == null || !node.isObject()) {
            return List.of();
        }
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Declares a section; reports it when present but not a mapping. */
    public void section(String path) {
        JsonNode node = node(path);
        if (node != null && !node.isNull() && !node.isObject()) {
            error(path, "must be a section of keys");
        }
    }

    public void error(String path, String message) {
        errors.add(new ConfigError(document.file(), document.lineOf(path), path, message));
    }

    /** Every error so far plus every key nobody asked for. */
    public List<ConfigError> finish() {
        reportUnknown(document.root(), "");
        errors.sort(java.util.Comparator.comparingInt(ConfigError::line));
        return List.copyOf(errors);
    }

    private void reportUnknown(JsonNode node, String path) {
        if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (known.contains(path + "[" + i + "]")) {
                    reportUnknown(node.get(i), path + "[" + i + "]");
                }
            }
            return;
        }
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String child = path.isEmpty() ? name : path + "." + name;
            if (!known.contains(child)) {
                error(child, "unknown key (check the spelling; see README \"Configuration\")");
            } else {
                reportUnknown(node.get(name), child);
            }
        }
    }

    private JsonNode node(String path) {
        String prefix = "";
        for (String part : path.split("\\.")) {
            prefix = prefix.isEmpty() ? part : prefix + "." + part;
            known.add(prefix);
        }
        return document.at(path);
    }

    private String substitute(String path, String text) {
        Matcher matcher = VARIABLE.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if (value == null) {
                value = matcher.group(2) != null ? matcher.group(3) : "";
                if (matcher.group(2) == null) {
                    error(path, "environment variable " + matcher.group(1) + " is not set (write ${"
                            + matcher.group(1) + ":-default} to give a default)");
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private <T> T fail(String path, String message, T fallback) {
        error(path, message);
        return fallback;
    }
}
