package app.liuke.channel.wechat;

import app.liuke.channel.Button;
import app.liuke.channel.Outbound;
import java.util.List;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;

/**
 * The JSON of WeChat's outgoing messages, built with WxJava's types: a text; a text with options as
 * {@code msgmenu} (each option's id is the button's data; its label starts with its number, unless the
 * labels are numbers already, as a score's are, so "回复 1" works where the menu cannot be tapped); a
 * template message. Stateless.
 */
final class WechatMessages {
    private WechatMessages() {
    }

    static String text(String openid, String text, List<List<Button>> rows) {
        List<Button> buttons = rows.stream().flatMap(List::stream).toList();
        if (buttons.isEmpty()) {
            return WxMpKefuMessage.TEXT().toUser(openid).content(text).build().toJson();
        }
        var menu = WxMpKefuMessage.MSGMENU().toUser(openid).headContent(text).tailContent("");
        boolean numbered = buttons.stream().allMatch(button -> button.label().strip().matches("\\d{1,2}"));
        for (int i = 0; i < buttons.size(); i++) {
            String label = numbered ? buttons.get(i).label() : (i + 1) + " " + buttons.get(i).label();
            menu.addMenus(new WxMpKefuMessage.MsgMenu(buttons.get(i).data(), label));
        }
        return menu.build().toJson();
    }

    static String template(String openid, Outbound.Template template) {
        var message = WxMpTemplateMessage.builder().toUser(openid).templateId(template.templateId())
                .url(template.url() == null || template.url().isBlank() ? null : template.url()).build();
        template.fields().forEach((name, value) -> message.addData(new WxMpTemplateData(name, value)));
        return message.toJson();
    }
}
