package app.liuke.survey;

import app.liuke.config.ConfigError;
import app.liuke.config.YamlDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks one {@code survey-<id>.yaml}; every problem is added to {@code errors} with its
 * line. Each text is given in both zh-CN and en. Ids are short (they travel in button data, which
 * Telegram caps at 64 bytes).
 */
public final class SurveyReader {
    public static final String PREFIX = "survey-";
    static final List<String> LANGUAGES = List.of("zh-CN", "en");
    private static final Set<String> TOP_KEYS = Set.of("title", "intro", "thanks", "questions");
    private static final Set<String> QUESTION_KEYS = Set.of("id", "kind", "text", "optional", "options");
    private static final Set<String> OPTION_KEYS = Set.of("id", "text");
    private static final String ID = "[a-z][a-z0-9_]{0,15}";
    private final YamlDocument document;
    private final List<ConfigError> errors;

    public SurveyReader(YamlDocument document, List<ConfigError> errors) {
        this.document = document;
        this.errors = errors;
    }

    public Survey read(String id) {
        JsonNode root = document.root();
        if (!id.matches("[a-z0-9][a-z0-9-]{0,23}")) {
            error("", "a survey file is named survey-<id>.yaml with a short id of a-z, 0-9 and -, e.g. survey-post-purchase.yaml");
            return null;
        }
        if (!root.isObject()) {
            error("", "a survey file holds title, intro, thanks and questions");
            return null;
        }
        unknownKeys(root, "", TOP_KEYS);
        Wording title = wording(root, "title");
        Wording intro = wording(root, "intro");
        Wording thanks = wording(root, "thanks");
        JsonNode nodes = root.path("questions");
        if (!nodes.isArray() || nodes.isEmpty() || nodes.size() > 20) {
            error("questions", "a survey needs a list of 1 to 20 questions");
            return null;
        }
        var questions = new ArrayList<Question>();
        var ids = new HashSet<String>();
        for (int i = 0; i < nodes.size(); i++) {
            Question question = question(nodes.get(i), "questions[" + i + "]");
            if (question != null && !ids.add(question.id())) {
                error("questions[" + i + "].id", "two questions are called '" + question.id() + "'");
            }
            if (question != null) {
                questions.add(question);
            }
        }
        return new Survey(id, document.file(), title, intro, thanks, questions);
    }

    private Question question(JsonNode node, String path) {
        if (!node.isObject()) {
            error(path, "a question has id, kind and text");
            return null;
        }
        unknownKeys(node, path, QUESTION_KEYS);
        String id = node.path("id").asText("").strip();
        if (!id.matches(ID)) {
            error(path + ".id", "a question id is 1-16 of a-z, 0-9 and _, starting with a letter, e.g. satisfaction");
        }
        Question.Kind kind;
        try {
            kind = Question.Kind.valueOf(node.path("kind").asText("").strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error(path + ".kind", "kind is one of csat (1-5), nps (0-10), choice, text");
            kind = Question.Kind.TEXT;
        }
        Wording text = wording(node, path + ".text");
        var options = new ArrayList<Question.Choice>();
        JsonNode optionNodes = node.path("options");
        if (kind == Question.Kind.CHOICE) {
            if (!optionNodes.isArray() || optionNodes.size() < 2 || optionNodes.size() > 10) {
                error(path + ".options", "a choice question needs a list of 2 to 10 options");
            } else {
                var seen = new HashSet<String>();
                for (int i = 0; i < optionNodes.size(); i++) {
                    String optionPath = path + ".options[" + i + "]";
                    JsonNode option = optionNodes.get(i);
                    unknownKeys(option, optionPath, OPTION_KEYS);
                    String optionId = option.path("id").asText("").strip();
                    if (!optionId.matches(ID) || !seen.add(optionId)) {
                        error(optionPath + ".id", "each option needs its own short id (1-16 of a-z, 0-9 and _), e.g. service");
                    }
                    options.add(new Question.Choice(optionId, wording(option, optionPath + ".text")));
                }
            }
        } else if (!optionNodes.isMissingNode()) {
            error(path + ".options", "only a choice question has options");
        }
        JsonNode optional = node.path("optional");
        if (!optional.isMissingNode() && !optional.isBoolean()) {
            error(path + ".optional", "optional is true or false");
        }
        return new Question(id, kind, text, options, optional.asBoolean(false));
    }

    /** A text in both languages: {@code {zh-CN: …, en: …}}. */
    private Wording wording(JsonNode parent, String path) {
        JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
        var texts = new HashMap<String, String>();
        if (node == null || !node.isObject()) {
            error(path, "needs the text in zh-CN and en, e.g. {zh-CN: 谢谢！, en: Thank you!}");
            return new Wording(texts);
        }
        unknownKeys(node, path, new HashSet<>(LANGUAGES));
        for (String language : LANGUAGES) {
            String text = node.path(language).asText("").strip();
            if (text.isEmpty()) {
                error(path + "." + language, "the " + language + " text is missing");
            } else if (text.length() > 1000) {
                error(path + "." + language, "keep it under 1000 characters");
            }
            texts.put(language, text);
        }
        return new Wording(texts);
    }

    private void unknownKeys(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                error(path.isEmpty() ? name : path + "." + name, "unknown key '" + name + "'; allowed here: " + new TreeSet<>(allowed));
            }
        });
    }

    private void error(String path, String message) {
        errors.add(new ConfigError(document.file(), document.lineOf(path), path, message));
    }
}
