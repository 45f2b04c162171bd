package app.liuke.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.config.ConfigError;
import app.liuke.conversation.script.ScriptLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bot-scripts: the shipped ones are clean; a shop's mistakes are reported with file and line. */
class BotScriptsTest {
    @TempDir
    Path folder;

    @Test
    void theShippedScripts_loadWithoutProblems() {
        var result = ScriptLoader.load(Path.of("bot-scripts"));
        assertEquals(List.of(), result.errors());
        assertTrue(result.scripts().dialogue("birthday").isPresent());
        assertEquals("birthday", result.scripts().startedBy("生日").orElseThrow().name());
    }

    @Test
    void aBrokenScript_isReportedWithFileLineAndKey() throws IOException {
        Files.writeString(folder.resolve("my-note.yaml"), """
                command: note
                steps:
                  - id: ask
                    say: no.such.text
                    expect: colour
                    next: nowhere
                    actions:
                      - launch-rocket
                  - id: ask
                    say: birthday.ask
                """);
        Files.writeString(folder.resolve("texts.en.yaml"), "shop: our shop\n");
        List<ConfigError> errors = ScriptLoader.load(folder).errors();
        String all = errors.stream().map(ConfigError::toString).reduce("", (a, b) -> a + b + "\n");
        assertTrue(all.contains("my-note.yaml:1") && all.contains("built-in command"), all);
        assertTrue(all.contains("my-note.yaml:4") && all.contains("no.such.text"), all);
        assertTrue(all.contains("my-note.yaml:5") && all.contains("colour"), all);
        assertTrue(all.contains("nowhere"), all);
        assertTrue(all.contains("launch-rocket"), all);
        assertTrue(all.contains("two steps are called 'ask'"), all);
        assertTrue(all.contains("texts.en.yaml") && all.contains("welcome.new"), "a removed text the bot uses: " + all);
    }

    @Test
    void aBrokenSurvey_isReportedWithFileLineAndKey() throws IOException {
        Files.writeString(folder.resolve("survey-visit.yaml"), """
                title: {zh-CN: 到店体验, en: Your visit}
                intro: {zh-CN: 你好}
                thanks: {zh-CN: 谢谢, en: Thanks}
                questions:
                  - id: score
                    kind: stars
                    text: {zh-CN: 打分, en: Score}
                  - id: pick
                    kind: choice
                    text: {zh-CN: 选一个, en: Pick one}
                    options:
                      - id: only
                        text: {zh-CN: 唯一, en: Only}
                """);
        List<ConfigError> errors = ScriptLoader.load(folder).errors();
        String all = errors.stream().map(ConfigError::toString).reduce("", (a, b) -> a + b + "\n");
        assertTrue(all.contains("survey-visit.yaml:2") && all.contains("intro.en"), all);
        assertTrue(all.contains("survey-visit.yaml:6") && all.contains("csat"), all);
        assertTrue(all.contains("survey-visit.yaml:11") && all.contains("2 to 10 options"), all);
        var shipped = ScriptLoader.load(folder.resolve("none")).orThrow();
        assertEquals(java.util.Set.of("post-purchase", "dormant"), shipped.surveys().keySet());
    }

    @Test
    void aShopsOwnFile_replacesTheBuiltInOne() throws IOException {
        Files.writeString(folder.resolve("help.yaml"), """
                command: help
                aliases: [帮帮我]
                steps:
                  - id: customer
                    say: help.customer
                """);
        var scripts = ScriptLoader.load(folder).orThrow();
        assertEquals("help", scripts.startedBy("帮帮我").orElseThrow().name());
        assertTrue(scripts.startedBy("帮助").isEmpty());
    }
}
