package app.liuke.customer.csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Maps the headers of an uploaded file to our column names. Each column accepts its English
 * name and the Chinese headers shops commonly use (see README "Import and export").
 */
final class Columns {
    private final Map<String, List<String>> aliases;
    private final Map<String, Integer> positions = new LinkedHashMap<>();
    private final List<String> ignored = new java.util.ArrayList<>();

    Columns(Map<String, List<String>> aliases, List<String> headers) {
        this.aliases = aliases;
        for (int i = 0; i < headers.size(); i++) {
            String header = clean(headers.get(i));
            String column = canonical(header);
            if (column == null) {
                if (!header.isEmpty()) {
                    ignored.add(header);
                }
            } else {
                positions.putIfAbsent(column, i);
            }
        }
    }

    private String canonical(String header) {
        for (var entry : aliases.entrySet()) {
            for (String alias : entry.getValue()) {
                if (alias.equalsIgnoreCase(header)) {
                    return entry.getKey();
                }
            }
        }
        return null;
    }

    private static String clean(String header) {
        return header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }

    boolean has(String column) {
        return positions.containsKey(column);
    }

    List<String> ignored() {
        return List.copyOf(ignored);
    }

    String acceptedHeaders(String column) {
        return String.join(" / ", aliases.get(column));
    }

    /** The cell's text, trimmed, with the spreadsheet-formula guard removed; null when empty or absent. */
    String get(CSVRecord record, String column) {
        Integer position = positions.get(column);
        if (position == null || position >= record.size()) {
            return null;
        }
        String value = record.get(position).strip();
        if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0) {
            value = value.substring(1);
        }
        return value.isEmpty() ? null : value;
    }
}
