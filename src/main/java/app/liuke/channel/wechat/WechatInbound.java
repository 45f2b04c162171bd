package app.liuke.channel.wechat;

import app.liuke.channel.Button;
import app.liuke.channel.Inbound;
import app.liuke.channel.InboundHandler;
import app.liuke.channel.Outbound;
import app.liuke.outbox.Outbox;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * WeChat's part of handling an event, around the conversation: an {@link Inbound.Interaction} opens
 * the follower's reply window; a bare number ("2") answers the latest menu we sent, as if its second
 * option was tapped (for clients that show no {@code msgmenu}). Everything else passes through.
 * Stateless; runs in the event's transaction.
 */
public final class WechatInbound implements InboundHandler {
    private static final Pattern NUMBER = Pattern.compile("\\s*([1-9][0-9]?)\\s*");
    private final InboundHandler conversation;
    private final ReplyWindows windows;
    private final Outbox outbox;

    public WechatInbound(InboundHandler conversation, ReplyWindows windows, Outbox outbox) {
        this.conversation = conversation;
        this.windows = windows;
        this.outbox = outbox;
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
        return conversation.handle(handle, numberedChoice(handle, event), now);
    }

    private Inbound numberedChoice(Handle handle, Inbound event) {
        if (!(event instanceof Inbound.Text text) || event.chat().group()) {
            return event;
        }
        var number = NUMBER.matcher(text.text());
        if (!number.matches()) {
            return event;
        }
        List<Button> buttons = outbox.lastButtons(handle, event.chat().channel(), event.chat().chatId());
        int choice = Integer.parseInt(number.group(1));
        if (choice > buttons.size()) {
            return event;
        }
        return new Inbound.ButtonPress(event.chat(), text.from(), "wx-number:" + choice, buttons.get(choice - 1).data(), null);
    }

    @Override
    public Optional<Outbound> apology(Inbound event) {
        return conversation.apology(event);
    }
}
