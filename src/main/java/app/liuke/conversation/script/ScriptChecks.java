package app.liuke.conversation.script;

import app.liuke.config.ConfigError;
import app.liuke.config.YamlDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks across files: commands unique and not taken by the built-in ones, and what the code relies on present. */
final class ScriptChecks {
    /** Commands the code answers itself; a script may not take them. */
    static final Set<String> CODE_COMMANDS = Set.of("start", "me", "invite", "stop", "cancel", "customer", "sale", "note",
            "tier", "tag", "assign", "staff", "group", "offers", "survey", "todo", "redeem", "stats", "broadcast", "campaign");
    /** Dialogues the code starts, with the steps it starts them at. */
    static final Map<String, List<String>> REQUIRED = Map.of("welcome", List.of("new", "back"),
            "group-welcome", List.of("member", "loyal"), "help", List.of(), "birthday", List.of(),
            "optout", List.of(), "optin", List.of());

    private ScriptChecks() {
    }

    static void checkCommands(Map<String, Dialogue> dialogues, List<ConfigError> errors) {
        var seen = new HashMap<String, String>();
        for (Dialogue dialogue : dialogues.values()) {
            var words = new java.util.ArrayList<String>(dialogue.aliases());
            if (dialogue.command() != null) {
                words.add(dialogue.command());
                if (CODE_COMMANDS.contains(dialogue.command())) {
                    errors.add(new ConfigError(dialogue.file(), 0, "command", "/" + dialogue.command() + " is a built-in command"));
                }
            }
            for (String word : words) {
                String other = seen.putIfAbsent(word, dialogue.name());
                if (other != null) {
                    errors.add(new ConfigError(dialogue.file(), 0, "command", "'" + word + "' also starts the dialogue " + other));
                }
            }
        }
    }

    static void checkRequired(Map<String, Dialogue> dialogues, Map<String, Map<String, String>> texts,
                              Map<String, YamlDocument> textFiles, List<ConfigError> errors) {
        REQUIRED.forEach((name, steps) -> {
            Dialogue dialogue = dialogues.get(name);
            if (dialogue == null) {
                errors.add(new ConfigError(name + ".yaml", 0, "", "this dialogue is required"));
                return;
            }
            for (String step : steps) {
                if (dialogue.step(step).isEmpty()) {
                    errors.add(new ConfigError(dialogue.file(), 0, "steps", "needs a step with id '" + step + "'"));
                }
            }
        });
        Map<String, String> builtIn = builtInTexts();
        for (var language : texts.entrySet()) {
            for (String key : builtIn.keySet()) {
                if (!language.getValue().containsKey(key)) {
                    errors.add(new ConfigError(textFiles.get(language.getKey()).file(), 0, key, "the bot uses this text; it cannot be left out"));
                }
            }
        }
        for (String language : List.of(BotScripts.ZH, BotScripts.EN)) {
            if (!texts.containsKey(language)) {
                errors.add(new ConfigError("texts." + language + ".yaml", 0, "", "this texts file is required"));
            }
        }
    }

    private static Map<String, String> builtInTexts() {
        try (var in = ScriptChecks.class.getResourceAsStream("/default-bot-scripts/texts.zh-CN.yaml")) {
            var document = YamlDocument.parse("(built-in texts.zh-CN.yaml)", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            return TextFile.flatten(document, new java.util.ArrayList<>());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
