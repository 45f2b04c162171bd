package app.liuke.simulate;

import app.liuke.channel.Button;
import app.liuke.channel.ChannelGateway;
import app.liuke.channel.Delivery;
import app.liuke.channel.Outbound;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for a channel's API: every message the dispatcher delivers is written down with the time
 * it left, and delivered. Only texts are what a customer sees as a new message; edits and button
 * answers are delivered and not logged. Keeps no pace of its own: the contact rules are the gate's
 * job, and Telegram's per-chat pacing is not one of them.
 */
final class RecordingGateway implements ChannelGateway {
    /** One text as it left: {@code externalId} is the message id the channel "gave" it. */
    record Sent(String channel, String chatId, String externalId, Instant at, String text, List<String> buttonData) {
    }

    private final String channel;
    private final Clock clock;
    private final List<Sent> sent = new ArrayList<>();
    private long next = 1;

    RecordingGateway(String channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public int maxTextLength() {
        return app.liuke.outbox.Outbox.maxText(channel);
    }

    @Override
    public boolean pacesItself() {
        return true;
    }

    @Override
    public synchronized Delivery deliver(Outbound message) {
        String id = channel + "-" + next++;
        if (message instanceof Outbound.SendText text) {
            var data = text.buttons().stream().flatMap(List::stream).map(Button::data).toList();
            sent.add(new Sent(channel, text.chat().chatId(), id, clock.instant(), text.text(), data));
        }
        return new Delivery.Delivered(id);
    }

    /** The texts sent since the last call. */
    synchronized List<Sent> drain() {
        var copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }
}
