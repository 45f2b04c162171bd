package app.liuke.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML file that remembers the line of every key, so errors can say where they are.
 * Paths look like {@code server.port} and {@code staff.owners[0]}. Immutable after parsing.
 */
public final class YamlDocument {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlDocument(String file, JsonNode root, Map<String, Integer> lines) {
        this.file = file;
        this.root = root;
        this.lines = Map.copyOf(lines);
    }

    /** Parses {@code text}; a syntax error or duplicate key becomes a {@link ConfigException}. */
    public static YamlDocument parse(String file, String text) {
        var lines = new HashMap<String, Integer>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            JsonNode root = first == null ? NODES.objectNode() : read(parser, "", lines, file);
            return new YamlDocument(file, root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(List.of(new ConfigError(file, line, "", "not valid YAML: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(file, 0, "", "cannot read: " + e.getMessage())));
        }
    }

    private static JsonNode read(JsonParser parser, String path, Map<String, Integer> lines, String file) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                String child = path.isEmpty() ? name : path + "." + name;
                int line = parser.currentTokenLocation().getLineNr();
                if (object.has(name)) {
                    throw new ConfigException(List.of(new ConfigError(file, line, child, "this key appears twice")));
                }
                lines.put(child, line);
                parser.nextToken();
                object.set(name, read(parser, child, lines, file));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String child = path + "[" + index++ + "]";
                lines.put(child, parser.currentTokenLocation().getLineNr());
                array.add(read(parser, child, lines, file));
            }
            return array;
        }
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    public String file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** The line a key stands on, or the nearest enclosing key's line, or 0. */
    public int lineOf(String path) {
        String current = path;
        while (!current.isEmpty()) {
            Integer line = lines.get(current);
            if (line != null) {
                return line;
            }
            int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
            current = cut < 0 ? "" : current.substring(0, cut);
        }
        return 0;
    }

    /**
     * This document with {@code path} (a dotted path of sections, e.g. {@code campaigns.holidays.list})
     * taken from {@code defaults} where this document lacks it, sections made as needed; lines of what
     * came from the defaults are unknown (0). The shipped lists stay unless a shop's file names them.
     */
    public YamlDocument withDefault(String path, YamlDocument defaults) {
        JsonNode fallback = defaults.at(path);
        if (at(path) != null || fallback == null || !root.isObject()) {
            return this;
        }
        ObjectNode copy = ((ObjectNode) root).deepCopy();
        ObjectNode parent = copy;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = parent.get(parts[i]);
            if (next == null || next.isNull()) {
                next = parent.putObject(parts[i]);
            }
            if (!next.isObject()) {
                return this;
            }
            parent = (ObjectNode) next;
        }
        parent.set(parts[parts.length - 1], fallback.deepCopy());
        return new YamlDocument(file, copy, lines);
    }

    /** The node at a dotted path such as {@code offers[0].title}, or null when absent. */
    public JsonNode at(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(name);
            while (bracket >= 0 && node != null) {
                int close = part.indexOf(']', bracket);
                int index = Integer.parseInt(part.substring(bracket + 1, close));
                node = node.isArray() && index < node.size() ? node.get(index) : null;
                bracket = part.indexOf('[', close);
            }
        }
        return node;
    }
}
