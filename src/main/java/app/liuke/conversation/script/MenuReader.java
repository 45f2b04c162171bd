package app.liuke.conversation.script;

import app.liuke.config.ConfigError;
import app.liuke.config.YamlDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks {@code wechat-menu.yaml} against WeChat's limits: 1 to 3 buttons; under one, 1 to 5;
 * a name of at most 16 bytes on top and 60 below (5 and 20 Chinese characters); a command is a
 * {@code /command}, a url an http(s) address. Every problem goes to {@code errors} with its line.
 */
final class MenuReader {
    static final String FILE = "wechat-menu.yaml";
    private static final Set<String> KEYS = Set.of("name", "command", "url", "buttons");
    private final YamlDocument document;
    private final List<ConfigError> errors;

    MenuReader(YamlDocument document, List<ConfigError> errors) {
        this.document = document;
        this.errors = errors;
    }

    WechatMenu read() {
        JsonNode root = document.root();
        if (!root.isObject() || root.size() != 1 || !root.has("buttons")) {
            error("", "the WeChat menu file holds one key, buttons: a list of 1 to 3 buttons");
            return new WechatMenu(List.of());
        }
        return new WechatMenu(items(root.get("buttons"), "buttons", true));
    }

    private List<WechatMenu.Item> items(JsonNode list, String path, boolean top) {
        int most = top ? 3 : 5;
        if (!list.isArray() || list.isEmpty() || list.size() > most) {
            error(path, "a list of 1 to " + most + " buttons (WeChat's limit" + (top ? " for the menu bar)" : " under one button)"));
            if (!list.isArray()) {
                return List.of();
            }
        }
        var items = new ArrayList<WechatMenu.Item>();
        for (int i = 0; i < list.size(); i++) {
            WechatMenu.Item item = item(list.get(i), path + "[" + i + "]", top);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private WechatMenu.Item item(JsonNode node, String path, boolean top) {
        if (!node.isObject()) {
            error(path, "a button has a name and a command, a url or buttons");
            return null;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                error(path + "." + key, "unknown key '" + key + "'; allowed here: " + new TreeSet<>(KEYS));
            }
        });
        String name = node.path("name").asText("").strip();
        int maxBytes = top ? 16 : 60;
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            error(path + ".name", "a name of 1 to " + maxBytes + " bytes (" + maxBytes / 3 + " Chinese characters) is needed");
        }
        String command = node.hasNonNull("command") ? node.get("command").asText().strip() : null;
        String url = node.hasNonNull("url") ? node.get("url").asText().strip() : null;
        boolean sub = node.has("buttons");
        int kinds = (command != null ? 1 : 0) + (url != null ? 1 : 0) + (sub ? 1 : 0);
        if (kinds != 1) {
            error(path, "a button has exactly one of command, url or buttons");
            return null;
        }
        if (command != null && !command.matches("/[a-z][a-z0-9_]{0,31}( .{0,60})?")) {
            error(path + ".command", "a command such as /me or /offers, not '" + command + "'");
        }
        if (url != null && !url.matches("https?://\\S{1,1000}")) {
            error(path + ".url", "an http:// or https:// address, not '" + url + "'");
        }
        if (sub && !top) {
            error(path + ".buttons", "WeChat menus have two levels only");
            return null;
        }
        return new WechatMenu.Item(name, command, url, sub ? items(node.get("buttons"), path + ".buttons", false) : List.of());
    }

    private void error(String path, String message) {
        errors.add(new ConfigError(document.file(), document.lineOf(path), path, message));
    }
}
