package app.liuke.channel.wechat;

import app.liuke.channel.ChannelGateway;
import app.liuke.channel.Delivery;
import app.liuke.channel.Outbound;
import app.liuke.channel.weixin.WeixinApi;
import app.liuke.store.Database;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends to WeChat followers. Inside the follower's reply window a message goes out as a 客服消息
 * (text, or {@code msgmenu} when it has buttons); outside it, or when WeChat answers 45015/45047
 * (window shut or allowance used), a message that carries a template goes as that template message,
 * and one without is skipped as {@code no-window}. 43004/43019 (unfollowed, blocked) make the follower
 * unreachable; -1 (busy) and 45009 (over the daily quota) back off; an invalid token is renewed once
 * by {@link WeixinApi}. WeChat cannot edit a message or answer a tap, so an edit is sent anew and a
 * tap's answer only when it says something. Never throws. Thread-safe.
 */
public final class WechatGateway implements ChannelGateway {
    private static final Logger LOG = LoggerFactory.getLogger(WechatGateway.class);
    static final String CUSTOM_SEND = "/cgi-bin/message/custom/send";
    static final String TEMPLATE_SEND = "/cgi-bin/message/template/send";
    private final WeixinApi api;
    private final Database database;
    private final ReplyWindows windows;
    private final Clock clock;

    public WechatGateway(WeixinApi api, Database database, ReplyWindows windows, Clock clock) {
        this.api = api;
        this.database = database;
        this.windows = windows;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return WechatUpdates.CHANNEL;
    }

    @Override
    public int maxTextLength() {
        return app.liuke.outbox.Outbox.MAX_WECHAT_TEXT;
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
            var answer = (Outbound.AnswerButton) message;
            if (answer.text() == null || answer.text().isBlank()) {
                return new Delivery.Delivered(null);
            }
            return send(new Outbound.SendText(answer.chat(), answer.text()));
        } catch (WeixinApi.Unreachable e) {
            LOG.warn("could not reach WeChat: {}", e.getMessage());
            return new Delivery.Failed(e.getMessage(), false);
        } catch (RuntimeException e) {
            LOG.warn("WeChat message could not be sent", e);
            return new Delivery.Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }

    private Delivery send(Outbound.SendText text) {
        String openid = text.chat().chatId();
        boolean open = database.read(handle -> windows.open(handle, openid, clock.instant()));
        if (!open && text.template() != null) {
            return template(text);
        }
        var reply = api.post(CUSTOM_SEND, WechatMessages.text(openid, text.text(), text.buttons()));
        if (reply.ok()) {
            database.useTransaction(handle -> windows.used(handle, openid));
            return new Delivery.Delivered(null);
        }
        if (reply.errcode() == 45015 || reply.errcode() == 45047) {
            database.useTransaction(handle -> windows.closed(handle, openid));
            return text.template() != null ? template(text) : new Delivery.Skipped("no-window");
        }
        return refused(reply);
    }

    private Delivery template(Outbound.SendText text) {
        var reply = api.post(TEMPLATE_SEND, WechatMessages.template(text.chat().chatId(), text.template()));
        if (reply.ok()) {
            return new Delivery.Delivered("template:" + reply.body().path("msgid").asText(""));
        }
        return refused(reply);
    }

    private static Delivery refused(WeixinApi.Reply reply) {
        int code = reply.errcode();
        String reason = code + " " + reply.errmsg();
        return switch (code) {
            case 43004, 43019 -> new Delivery.Unreachable(reason);
            case -1 -> new Delivery.RetryLater(Duration.ofSeconds(5));
            case 45009 -> new Delivery.RetryLater(Duration.ofMinutes(10));
            case 45015, 45047 -> new Delivery.Skipped("no-window");
            default -> new Delivery.Failed(reason, code >= 40000 && code < 50000);
        };
    }
}
