package app.liuke.outbox;

/**
 * How fast the dispatcher may send ({@code dispatch} in config): messages per second overall, per
 * private chat and per group per minute (Telegram's limits are about 30/s, 1/s and 20/min), and how
 * long a claimed batch of rows stays leased to one dispatcher before another may take it over.
 */
public record DispatchRules(int perSecond, int perChatPerSecond, int perGroupPerMinute, int leaseSeconds) {
    public static DispatchRules defaults() {
        return new DispatchRules(25, 1, 20, 60);
    }
}
