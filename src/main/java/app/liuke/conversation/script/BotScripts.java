package app.liuke.conversation.script;

import app.liuke.survey.Survey;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything loaded from {@code bot-scripts/}: the dialogues by name, the chat texts by language
 * the surveys by id, and the WeChat Official Account's menu. Immutable and thread-safe.
 */
public record BotScripts(Map<String, Dialogue> dialogues, Map<String, Map<String, String>> texts, Map<String, Survey> surveys,
                         WechatMenu wechatMenu, String source) {
    public static final String ZH = "zh-CN";
    public static final String EN = "en";

    public BotScripts {
        dialogues = Map.copyOf(dialogues);
        texts = Map.copyOf(texts);
        surveys = Map.copyOf(surveys);
    }

    public Optional<Survey> survey(String id) {
        return Optional.ofNullable(surveys.get(id));
    }

    public Optional<Dialogue> dialogue(String name) {
        return Optional.ofNullable(dialogues.get(name));
    }

    /** The dialogue that a command name or plain-text alias starts, if any. */
    public Optional<Dialogue> startedBy(String commandOrAlias) {
        return dialogues.values().stream()
                .filter(d -> commandOrAlias.equals(d.command()) || d.aliases().contains(commandOrAlias))
                .findFirst();
    }

    /** The language a person's language code maps to: zh… → zh-CN, en… → en, anything else → the shop's. */
    public static String language(String languageCode, Locale shop) {
        if (languageCode != null) {
            String code = languageCode.toLowerCase(Locale.ROOT);
            if (code.startsWith("zh")) {
                return ZH;
            }
            if (code.startsWith("en")) {
                return EN;
            }
        }
        return shop.getLanguage().equals("en") ? EN : ZH;
    }
}
