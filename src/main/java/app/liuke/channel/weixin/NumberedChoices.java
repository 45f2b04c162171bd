package app.liuke.channel.weixin;

import app.liuke.channel.Button;
import app.liuke.channel.Inbound;
import app.liuke.channel.InboundHandler;
import app.liuke.channel.Outbound;
import app.liuke.outbox.Outbox;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * On channels without tappable buttons everywhere (WeChat clients that show no {@code msgmenu}, the
 * WeCom app), a bare number answers the latest message's buttons: the option labelled so (a score),
 * else the option in that place ("2": the second). Everything else passes through. Stateless; runs in
 * the event's transaction.
 */
public final class NumberedChoices implements InboundHandler {
    private static final Pattern NUMBER = Pattern.compile("\\s*([1-9][0-9]?|0)\\s*");
    private final InboundHandler next;
    private final Outbox outbox;
    private final Set<String> channels;

    public NumberedChoices(InboundHandler next, Outbox outbox, Set<String> channels) {
        this.next = next;
        this.outbox = outbox;
        this.channels = Set.copyOf(channels);
    }

    @Override
    public List<Outbound> handle(Handle handle, Inbound event, Instant now) {
        return next.handle(handle, choice(handle, event), now);
    }

    private Inbound choice(Handle handle, Inbound event) {
        if (!(event instanceof Inbound.Text text) || event.chat().group() || !channels.contains(event.chat().channel())) {
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
                return new Inbound.ButtonPress(event.chat(), text.from(), "number:" + typed, button.data(), null);
            }
        }
        boolean labelsAreNumbers = buttons.stream().allMatch(button -> button.label().strip().matches("\\d{1,2}"));
        int choice = Integer.parseInt(typed);
        if (labelsAreNumbers || choice < 1 || choice > buttons.size()) {
            return event;
        }
        return new Inbound.ButtonPress(event.chat(), text.from(), "number:" + choice, buttons.get(choice - 1).data(), null);
    }

    @Override
    public Optional<Outbound> apology(Inbound event) {
        return next.apology(event);
    }
}
