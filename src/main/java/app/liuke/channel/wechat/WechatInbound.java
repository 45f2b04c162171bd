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
 * the follower's reply window; a bare number answers the latest menu we sent (for clients that show
 * no {@code msgmenu}): the option labelled so (a score), else the option in that place ("2": the second); a follower we have no record of (they
 * followed before the shop used Liuke) is registered and welcomed, as a follow would, before their
 * first message is answered. Everything else passes through.
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
        Inbound answered = numberedChoice(handle, event);
        if (unknownFollower(handle, answered)) {
            var replies = new java.util.ArrayList<>(conversation.handle(handle,
                    new Inbound.Command(event.chat(), sender(answered), "start", ""), now));
            for (Outbound reply : conversation.handle(handle, answered, now)) {
                if (!replies.contains(reply)) {   // free text right after the welcome only shows the welcome's menu again
                    replies.add(reply);
                }
            }
            return replies;
        }
        return conversation.handle(handle, answered, now);
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

    private Inbound numberedChoice(Handle handle, Inbound event) {
        if (!(event instanceof Inbound.Text text) || event.chat().group()) {
            return event;
        }
        var number = NUMBER.matcher(text.text());
        if (!number.matches()) {
            return event;
        }
        List<Button> buttons = outbox.lastButtons(handle, event.chat().channel(), event.chat().chatId());
        String typed = number.group(1);
        for (Button button : buttons) {
            if (button.label().strip().equals(typed)) {
                return new Inbound.ButtonPress(event.chat(), text.from(), "wx-number:" + typed, button.data(), null);
            }
        }
        boolean labelsAreNumbers = buttons.stream().allMatch(button -> button.label().strip().matches("\\d{1,2}"));
        int choice = Integer.parseInt(typed);
        if (labelsAreNumbers || choice > buttons.size()) {
            return event;
        }
        return new Inbound.ButtonPress(event.chat(), text.from(), "wx-number:" + choice, buttons.get(choice - 1).data(), null);
    }

    @Override
    public Optional<Outbound> apology(Inbound event) {
        return conversation.apology(event);
    }
}
