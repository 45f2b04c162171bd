package app.liuke.conversation.script;

import app.liuke.config.ConfigError;
import app.liuke.config.ConfigException;
import app.liuke.config.YamlDocument;
import app.liuke.survey.Survey;
import app.liuke.survey.SurveyReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads {@code bot-scripts/}: every {@code *.yaml} in the folder, over the copies built into the
 * jar (a shop's file replaces the built-in file of the same name; a missing folder means the
 * built-in scripts). Collects every problem with file and line instead of stopping at the first.
 */
public final class ScriptLoader {
    /** The scripts the jar carries (and the code relies on). */
    static final List<String> BUILT_IN = List.of("texts.zh-CN.yaml", "texts.en.yaml", "welcome.yaml",
            "group-welcome.yaml", "help.yaml", "birthday.yaml", "optout.yaml", "optin.yaml", "survey-post-purchase.yaml",
            "survey-dormant.yaml", MenuReader.FILE);
    private static final String EMBEDDED = "/default-bot-scripts/";

    private ScriptLoader() {
    }

    public record Result(BotScripts scripts, List<ConfigError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        /** The scripts, or a {@link ConfigException} listing every problem. */
        public BotScripts orThrow() {
            if (!errors.isEmpty()) {
                throw new ConfigException(errors);
            }
            return scripts;
        }
    }

    public static Result load(Path folder) {
        var sources = new TreeMap<String, Source>();
        for (String name : BUILT_IN) {
            sources.put(name, embedded(name));
        }
        var errors = new ArrayList<ConfigError>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                    sources.put(file.getFileName().toString(), new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                errors.add(new ConfigError(folder.toString(), 0, "", "cannot read the bot-scripts folder: " + e.getMessage()));
            }
        }
        var texts = new LinkedHashMap<String, Map<String, String>>();
        var textFiles = new LinkedHashMap<String, YamlDocument>();
        var documents = new LinkedHashMap<String, YamlDocument>();
        for (var entry : sources.entrySet()) {
            YamlDocument document;
            try {
                document = YamlDocument.parse(entry.getValue().name(), entry.getValue().text());
            } catch (ConfigException e) {
                errors.addAll(e.errors());
                continue;
            }
            String language = languageOf(entry.getKey());
            if (language != null) {
                texts.put(language, TextFile.flatten(document, errors));
                textFiles.put(language, document);
            } else if (entry.getKey().startsWith("texts.")) {
                errors.add(new ConfigError(document.file(), 0, "", "texts files are texts.zh-CN.yaml and texts.en.yaml"));
            } else {
                documents.put(entry.getKey(), document);
            }
        }
        TextFile.checkSameKeys(texts, textFiles, errors);
        var dialogues = new LinkedHashMap<String, Dialogue>();
        var surveys = new LinkedHashMap<String, Survey>();
        YamlDocument menuFile = documents.remove(MenuReader.FILE);
        WechatMenu menu = menuFile == null ? new WechatMenu(List.of()) : new MenuReader(menuFile, errors).read();
        for (var entry : documents.entrySet()) {
            if (entry.getKey().startsWith(SurveyReader.PREFIX)) {
                Survey survey = new SurveyReader(entry.getValue(), errors).read(nameOf(entry.getKey()).substring(SurveyReader.PREFIX.length()));
                if (survey != null) {
                    surveys.put(survey.id(), survey);
                }
                continue;
            }
            var reader = new DialogueReader(entry.getValue(), texts, errors);
            Dialogue dialogue = reader.read(nameOf(entry.getKey()));
            if (dialogue != null) {
                dialogues.put(dialogue.name(), dialogue);
            }
        }
        ScriptChecks.checkCommands(dialogues, errors);
        ScriptChecks.checkRequired(dialogues, texts, textFiles, errors);
        for (String required : List.of(Survey.AFTER_PURCHASE, Survey.DORMANT)) {
            if (!surveys.containsKey(required)) {
                errors.add(new ConfigError(SurveyReader.PREFIX + required + ".yaml", 0, "", "this survey is required"));
            }
        }
        String source = Files.isDirectory(folder) ? folder.toString() : "(built-in bot-scripts)";
        return new Result(new BotScripts(dialogues, texts, surveys, menu, source), errors);
    }

    private static String languageOf(String fileName) {
        return switch (fileName) {
            case "texts.zh-CN.yaml" -> BotScripts.ZH;
            case "texts.en.yaml" -> BotScripts.EN;
            default -> null;
        };
    }

    private static String nameOf(String fileName) {
        return fileName.substring(0, fileName.length() - ".yaml".length());
    }

    private static Source embedded(String name) {
        try (InputStream in = ScriptLoader.class.getResourceAsStream(EMBEDDED + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no built-in " + name);
            }
            return new Source("(built-in " + name + ")", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Source(String name, String text) {
    }
}
