package app.liuke.channel;

/** Delivers outbound messages to one channel. Implementations never throw; failures are {@link Delivery} values. */
public interface ChannelGateway {
    String channel();

    /** The longest text one message may carry; longer texts are split before they are queued. */
    int maxTextLength();

    Delivery deliver(Outbound message);
}
