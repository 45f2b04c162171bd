package app.liuke.channel;

/** One update as written to the durable inbox. */
public record InboxEntry(long id, String channel, long updateId, String chatKey, String payload) {
}
