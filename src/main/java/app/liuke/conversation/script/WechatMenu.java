package app.liuke.conversation.script;

import java.util.List;
import java.util.Objects;

/**
 * The custom menu of the shop's WeChat Official Account (自定义菜单), from {@code bot-scripts/wechat-menu.yaml}:
 * at most 3 buttons, each either a command (a click runs it, as if typed), a page (url) or up to 5
 * buttons under it. Immutable.
 */
public record WechatMenu(List<Item> buttons) {
    public WechatMenu {
        buttons = List.copyOf(buttons);
    }

    /** One button: exactly one of {@code command}, {@code url} or {@code buttons} (its sub-menu). */
    public record Item(String name, String command, String url, List<Item> buttons) {
        public Item {
            Objects.requireNonNull(name, "name");
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
        }
    }
}
