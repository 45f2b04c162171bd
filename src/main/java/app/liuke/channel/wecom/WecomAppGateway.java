package app.liuke.channel.wecom;

import app.liuke.channel.Button;
import app.liuke.channel.ChannelGateway;
import app.liuke.channel.Delivery;
import app.liuke.channel.Outbound;
import app.liuke.channel.weixin.WeixinApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends app messages (应用消息) to staff in the WeCom app: a text, with a message's buttons as numbered
 * lines to reply with; a text with a dashboard link (a reminder, the digest, a task) as a text card
 * (textcard) opening that page when {@code wecom.dashboardUrl} is set. Edits go as new messages; a
 * button's answer only when it says something. Never throws. Thread-safe.
 */
public final class WecomAppGateway implements ChannelGateway {
    private final WeixinApi api;
    private final int agentId;
    private final String dashboardUrl;

    public WecomAppGateway(WeixinApi api, int agentId, String dashboardUrl) {
        this.api = api;
        this.agentId = agentId;
        this.dashboardUrl = dashboardUrl == null ? "" : dashboardUrl;
    }

    @Override
    public String channel() {
        return WecomUpdates.APP;
    }

    @Override
    public int maxTextLength() {
        return app.liuke.outbox.Outbox.MAX_WECOM_BYTES / 3;
    }

    @Override
    public Delivery deliver(Outbound message) {
        try {
            if (message instanceof Outbound.SendText text) {
                return send(text);
            }
            if (message instanceof Outbound.EditText edit) {
                return send(new Outbound.SendText(edit.chat(), edit.text(), edit.buttons()));
            }
            if (message instanceof Outbound.AnswerButton answer) {
                return answer.text() == null || answer.text().isBlank() ? new Delivery.Delivered(null)
                        : send(new Outbound.SendText(answer.chat(), answer.text()));
            }
            return new Delivery.Skipped("unsupported");
        } catch (WeixinApi.Unreachable e) {
            return new Delivery.Failed(e.getMessage(), false);
        }
    }

    private Delivery send(Outbound.SendText text) {
        Map<String, Object> body;
        if (text.link() != null && !dashboardUrl.isEmpty()) {
            String[] lines = text.text().split("\n", 2);
            body = Map.of("touser", text.chat().chatId(), "msgtype", "textcard", "agentid", agentId, "textcard", Map.of(
                    "title", cut(lines[0], 128), "description", cut((lines.length > 1 ? lines[1] : lines[0]) + numbered(text.buttons()), 512),
                    "url", dashboardUrl + text.link(), "btntxt", "详情"));
        } else {
            body = Map.of("touser", text.chat().chatId(), "msgtype", "text", "agentid", agentId,
                    "text", Map.of("content", text.text() + numbered(text.buttons())));
        }
        var reply = api.post("/cgi-bin/message/send", body);
        if (reply.ok() && reply.body().path("invaliduser").asText("").isBlank()) {
            return new Delivery.Delivered(reply.body().path("msgid").asText(null));
        }
        return switch (reply.errcode()) {
            case 0, 81013, 60111 -> new Delivery.Unreachable(reply.errcode() + " not in the app's visible range, or no such user");
            case -1 -> new Delivery.RetryLater(Duration.ofSeconds(5));
            case 45009 -> new Delivery.RetryLater(Duration.ofMinutes(1));
            default -> new Delivery.Failed(reply.errcode() + " " + reply.errmsg(), reply.errcode() >= 40000 && reply.errcode() < 50000);
        };
    }

    /** The buttons as lines to reply with: "回复数字：\n1 …\n2 …" (score buttons are their own numbers). */
    static String numbered(List<List<Button>> rows) {
        List<Button> buttons = rows.stream().flatMap(List::stream).toList();
        if (buttons.isEmpty()) {
            return "";
        }
        boolean scores = buttons.stream().allMatch(button -> button.label().strip().matches("\\d{1,2}"));
        var text = new StringBuilder("\n\n回复数字：");
        if (scores) {
            text.append(buttons.get(0).label()).append("–").append(buttons.get(buttons.size() - 1).label());
            return text.toString();
        }
        for (int i = 0; i < buttons.size(); i++) {
            text.append('\n').append(i + 1).append(' ').append(buttons.get(i).label());
        }
        return text.toString();
    }

    private static String cut(String text, int maxBytes) {
        String cut = text;
        while (cut.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
