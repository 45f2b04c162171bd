package app.liuke.channel.wechat;

import app.liuke.channel.Inbound;
import app.liuke.channel.InboundHandler;
import app.liuke.channel.Outbound;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * WeChat's part of handling an event, around the conversation: an {@link Inbound.Interaction} opens
 * the follower's reply window; a follower we have no record of (they followed before the shop used
 * Liuke) is registered and welcomed, as a follow would, before their first message is answered.
 * Everything else passes through. (A bare number answering a menu is
 * {@link app.liuke.channel.weixin.NumberedChoices}.)
 * Stateless; runs in the event's transaction.
 */
public final class WechatInbound implements InboundHandler {
    private final InboundHandler conversation;
    private final ReplyWindows windows;

    public WechatInbound(InboundHandler conversation, ReplyWindows windows) {
        this.conversation = conversation;
        this.windows = windows;
    }

    @Override
    public List<Outbound> handle(Handle handle, Inbound event, Instant now) {
        if (!event.chat().channel().equals(WechatUpdates.CHANNEL)) {
            return conversation.handle(handle, event, now);
        }
        if (event instanceof Inbound.Interaction interaction) {
            windows.opened(handle, interaction.from().userId(), interaction.kind(), now);
            return List.of();
        }
        if (unknownFollower(handle, event)) {
            var replies = new java.util.ArrayList<>(conversation.handle(handle,
                    new Inbound.Command(event.chat(), sender(event), "start", ""), now));
            for (Outbound reply : conversation.handle(handle, event, now)) {
                if (!replies.contains(reply)) {   // free text right after the welcome only shows the welcome's menu again
                    replies.add(reply);
                }
            }
            return replies;
        }
        return conversation.handle(handle, event, now);
    }

    private static boolean isStart(Inbound event) {
        return event instanceof Inbound.Command command && command.name().equals("start");
    }

    private static app.liuke.channel.Person sender(Inbound event) {
        if (event instanceof Inbound.Text text) {
            return text.from();
        }
        return event instanceof Inbound.Command command ? command.from() : ((Inbound.ButtonPress) event).from();
    }

    private static boolean unknownFollower(Handle handle, Inbound event) {
        boolean spoke = event instanceof Inbound.Text || event instanceof Inbound.Command || event instanceof Inbound.ButtonPress;
        return spoke && !isStart(event) && handle.queryLong("""
                SELECT (SELECT count(*) FROM channel_identity WHERE channel = 'wechat' AND external_id = :id)
                     + (SELECT count(*) FROM staff WHERE wechat_openid = :id)""", "id", event.chat().chatId()) == 0;
    }

    @Override
    public Optional<Outbound> apology(Inbound event) {
        return conversation.apology(event);
    }
}
