package app.liuke.channel;

/** Delivers outbound messages to one channel. Implementations never throw; failures are {@link Delivery} values. */
public interface ChannelGateway {
    String channel();

    /** The longest text one message may carry; longer texts are split before they are queued. */
    int maxTextLength();

    Delivery deliver(Outbound message);

    /** True when the gateway keeps its chats' pace itself (answering {@link Delivery.Later}), so the dispatcher's per-chat buckets do not apply. */
    default boolean pacesItself() {
        return false;
    }
}
