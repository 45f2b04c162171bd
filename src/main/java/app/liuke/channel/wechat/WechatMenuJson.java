package app.liuke.channel.wechat;

import app.liuke.conversation.script.WechatMenu;
import me.chanjar.weixin.common.bean.menu.WxMenu;
import me.chanjar.weixin.common.bean.menu.WxMenuButton;

/**
 * The JSON of {@code menu/create} for the shop's menu, with WxJava's menu types: a command becomes a
 * {@code click} button whose key is the command (a click runs it), a url a {@code view} button.
 */
public final class WechatMenuJson {
    private WechatMenuJson() {
    }

    public static String of(WechatMenu menu) {
        var json = new WxMenu();
        for (WechatMenu.Item item : menu.buttons()) {
            json.getButtons().add(button(item));
        }
        return json.toJson();
    }

    private static WxMenuButton button(WechatMenu.Item item) {
        var button = new WxMenuButton();
        button.setName(item.name());
        if (item.command() != null) {
            button.setType("click");
            button.setKey(item.command());
        } else if (item.url() != null) {
            button.setType("view");
            button.setUrl(item.url());
        } else {
            item.buttons().forEach(child -> button.getSubButtons().add(button(child)));
        }
        return button;
    }
}
