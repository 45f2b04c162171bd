package app.liuke.conversation.script;

import app.liuke.config.ConfigError;
import app.liuke.config.YamlDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads a texts file (nested keys become dotted: {@code staff.sale.done}) and compares the languages. */
final class TextFile {
    private TextFile() {
    }

    static Map<String, String> flatten(YamlDocument document, List<ConfigError> errors) {
        var texts = new TreeMap<String, String>();
        flatten(document, document.root(), "", texts, errors);
        return texts;
    }

    private static void flatten(YamlDocument document, JsonNode node, String path, Map<String, String> texts,
                                List<ConfigError> errors) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(document, field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(), texts, errors));
        } else if (node.isValueNode() && !node.isNull()) {
            texts.put(path, node.asText());
        } else {
            errors.add(new ConfigError(document.file(), document.lineOf(path), path, "a text must be a single value"));
        }
    }

    /** Every key must exist in every language, so no customer ever sees a key instead of a sentence. */
    static void checkSameKeys(Map<String, Map<String, String>> texts, Map<String, YamlDocument> files, List<ConfigError> errors) {
        var all = new TreeSet<String>();
        texts.values().forEach(map -> all.addAll(map.keySet()));
        for (var language : texts.entrySet()) {
            for (String key : all) {
                if (!language.getValue().containsKey(key)) {
                    errors.add(new ConfigError(files.get(language.getKey()).file(), 0, key,
                            "missing here but present in the other language"));
                }
            }
        }
    }
}
