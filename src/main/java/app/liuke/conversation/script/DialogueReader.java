package app.liuke.conversation.script;

import app.liuke.config.ConfigError;
import app.liuke.config.YamlDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and checks one dialogue file; every problem is added to {@code errors} with its line. */
final class DialogueReader {
    static final Set<String> INPUT_TYPES = Set.of("text", "month-day", "number", "phone");
    private static final Set<String> TOP_KEYS = Set.of("command", "aliases", "timeoutMinutes", "steps");
    private static final Set<String> STEP_KEYS = Set.of("id", "say", "expect", "invalid", "save", "buttons", "branch",
            "next", "actions");
    private static final Set<String> BUTTON_KEYS = Set.of("label", "value", "next");
    private final YamlDocument document;
    private final Map<String, Map<String, String>> texts;
    private final List<ConfigError> errors;

    DialogueReader(YamlDocument document, Map<String, Map<String, String>> texts, List<ConfigError> errors) {
        this.document = document;
        this.texts = texts;
        this.errors = errors;
    }

    Dialogue read(String name) {
        JsonNode root = document.root();
        if (!root.isObject()) {
            error("", "a dialogue file holds keys such as command and steps");
            return null;
        }
        unknownKeys(root, "", TOP_KEYS);
        String command = text(root, "command");
        if (command != null && !command.matches("[a-z][a-z0-9_]{0,31}")) {
            error("command", "a command is lower-case letters, digits or _ without the slash, e.g. birthday");
        }
        var aliases = new ArrayList<String>();
        JsonNode aliasNode = root.path("aliases");
        if (aliasNode.isArray()) {
            aliasNode.forEach(alias -> aliases.add(alias.asText().strip()));
        } else if (!aliasNode.isMissingNode()) {
            error("aliases", "aliases is a list, e.g. [生日]");
        }
        long minutes = root.path("timeoutMinutes").asLong(30);
        if (minutes < 1 || minutes > 7 * 24 * 60) {
            error("timeoutMinutes", "must be between 1 and 10080 minutes");
        }
        JsonNode stepNodes = root.path("steps");
        if (!stepNodes.isArray() || stepNodes.isEmpty()) {
            error("steps", "a dialogue needs a list of steps");
            return null;
        }
        var steps = new ArrayList<Step>();
        for (int i = 0; i < stepNodes.size(); i++) {
            steps.add(step(stepNodes.get(i), "steps[" + i + "]"));
        }
        checkTargets(steps);
        return new Dialogue(name, document.file(), command, aliases, Duration.ofMinutes(minutes), steps);
    }

    private Step step(JsonNode node, String path) {
        unknownKeys(node, path, STEP_KEYS);
        String id = text(node, path + ".id");
        if (id == null) {
            error(path + ".id", "every step needs an id");
            id = path;
        }
        String say = textKey(node, path + ".say");
        String expect = text(node, path + ".expect");
        if (expect != null && !INPUT_TYPES.contains(expect)) {
            error(path + ".expect", "unknown input type '" + expect + "'; use one of " + new java.util.TreeSet<>(INPUT_TYPES));
        }
        String invalid = textKey(node, path + ".invalid");
        var buttons = new ArrayList<ScriptButton>();
        JsonNode buttonNodes = node.path("buttons");
        for (int i = 0; i < buttonNodes.size(); i++) {
            String buttonPath = path + ".buttons[" + i + "]";
            unknownKeys(buttonNodes.get(i), buttonPath, BUTTON_KEYS);
            String value = text(buttonNodes.get(i), buttonPath + ".value");
            if (value == null || value.getBytes(StandardCharsets.UTF_8).length > 40) {
                error(buttonPath + ".value", "a button needs a value of at most 40 bytes");
            }
            buttons.add(new ScriptButton(textKey(buttonNodes.get(i), buttonPath + ".label"), value,
                    text(buttonNodes.get(i), buttonPath + ".next")));
        }
        var branch = new LinkedHashMap<String, String>();
        node.path("branch").fields().forEachRemaining(field ->
                branch.put(field.getKey().strip().toLowerCase(Locale.ROOT), field.getValue().asText()));
        return new Step(id, say, expect, invalid, text(node, path + ".save"), buttons, branch, text(node, path + ".next"),
                actions(node.path("actions"), path + ".actions"));
    }

    private List<ScriptAction> actions(JsonNode node, String path) {
        var actions = new ArrayList<ScriptAction>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode action = node.get(i);
            String actionPath = path + "[" + i + "]";
            String kind = action.isObject() && action.size() == 1 ? action.fieldNames().next() : action.asText();
            String argument = action.isObject() && action.size() == 1 ? action.get(kind).asText() : null;
            if (!ScriptAction.KINDS.contains(kind)) {
                error(actionPath, "unknown action '" + kind + "'; use one of " + new java.util.TreeSet<>(ScriptAction.KINDS));
            } else if (ScriptAction.WITH_ARGUMENT.contains(kind) == (argument == null || argument.isBlank())) {
                error(actionPath, ScriptAction.WITH_ARGUMENT.contains(kind)
                        ? "'" + kind + "' needs a value, e.g. - " + kind + ": …" : "'" + kind + "' takes no value");
            } else if ("notify-owner".equals(kind)) {
                checkTextKey(argument, actionPath);
            }
            actions.add(new ScriptAction(kind, argument));
        }
        return actions;
    }

    private void checkTargets(List<Step> steps) {
        var ids = new HashSet<String>();
        for (int i = 0; i < steps.size(); i++) {
            if (!ids.add(steps.get(i).id())) {
                error("steps[" + i + "].id", "two steps are called '" + steps.get(i).id() + "'");
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            var targets = new ArrayList<String>();
            if (step.next() != null) {
                targets.add(step.next());
            }
            targets.addAll(step.branch().values());
            step.buttons().stream().map(ScriptButton::next).filter(next -> next != null).forEach(targets::add);
            for (String target : targets) {
                if (!ids.contains(target)) {
                    error("steps[" + i + "]", "step '" + step.id() + "' leads to '" + target + "', which is not a step here");
                }
            }
            if (step.expect() != null && step.invalid() == null) {
                error("steps[" + i + "].invalid", "a step that expects input needs an 'invalid' text for wrong answers");
            }
        }
    }

    private String textKey(JsonNode node, String path) {
        String key = text(node, path);
        if (key != null) {
            checkTextKey(key, path);
        }
        return key;
    }

    private void checkTextKey(String key, String path) {
        for (var language : texts.entrySet()) {
            if (!language.getValue().containsKey(key)) {
                error(path, "text '" + key + "' is not in texts." + language.getKey() + ".yaml");
            }
        }
    }

    private static String text(JsonNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().strip();
    }

    private void unknownKeys(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                error(path.isEmpty() ? name : path + "." + name, "unknown key '" + name + "'; allowed here: " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    private void error(String path, String message) {
        errors.add(new ConfigError(document.file(), document.lineOf(path), path, message));
    }
}
