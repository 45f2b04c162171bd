package app.liuke.channel;

/**
 * One update as written to the durable inbox. While it waits for a worker its {@code payload} is
 * null: the table holds it, so a backlog of updates costs the heap little (see {@link #withPayload}).
 */
public record InboxEntry(long id, String channel, long updateId, String chatKey, String payload) {
    /** The entry without its payload, for queueing. */
    public static InboxEntry queued(long id, String channel, long updateId, String chatKey) {
        return new InboxEntry(id, channel, updateId, chatKey, null);
    }

    public InboxEntry withPayload(String payload) {
        return new InboxEntry(id, channel, updateId, chatKey, payload);
    }
}
