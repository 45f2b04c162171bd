package app.liuke.channel;

import app.liuke.outbox.Outbox;
import app.liuke.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles inbound events: the conversation's effects, the replies (queued in the outbox) and the
 * inbox row's "done" mark commit together, so an update is applied once or not at all. A failure is
 * logged, the row marked failed with an apology queued, and the chat moves on. Thread-safe.
 */
public final class ChatPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);
    private final Database database;
    private final Inbox inbox;
    private final Outbox outbox;
    private final InboundHandler handler;
    private final Runnable wakeDispatcher;
    private final Clock clock;

    public ChatPipeline(Database database, Inbox inbox, Outbox outbox, InboundHandler handler, Runnable wakeDispatcher,
                        Clock clock) {
        this.database = database;
        this.inbox = inbox;
        this.outbox = outbox;
        this.handler = handler;
        this.wakeDispatcher = wakeDispatcher;
        this.clock = clock;
    }

    /** Processes one inbox row whose payload the channel adapter translated into {@code events}. */
    public void process(InboxEntry entry, List<Inbound> events) {
        String key = "in:" + entry.channel() + ":" + entry.updateId();
        try {
            database.useTransaction(handle -> {
                Instant now = clock.instant();
                var replies = new ArrayList<Outbound>();
                for (Inbound event : events) {
                    replies.addAll(handler.handle(handle, event, now));
                }
                queue(handle, replies, key, now);
                inbox.markDone(handle, entry.id());
            });
        } catch (RuntimeException e) {
            LOG.warn("update {} from {} (inbox row {}) failed: {}", entry.updateId(), entry.channel(), entry.id(), e.toString(), e);
            database.useTransaction(handle -> {
                inbox.markFailed(handle, entry.id(), e.toString());
                var apologies = events.stream().map(handler::apology).flatMap(java.util.Optional::stream).limit(1).toList();
                queue(handle, apologies, key + ":sorry", clock.instant());
            });
        }
        wakeDispatcher.run();
    }

    /** The adapter could not read the payload: logged and marked failed, never retried. */
    public void unreadable(InboxEntry entry, RuntimeException problem) {
        LOG.warn("update {} from {} (inbox row {}) is unreadable: {}", entry.updateId(), entry.channel(), entry.id(), problem.toString());
        database.useTransaction(handle -> inbox.markFailed(handle, entry.id(), "unreadable: " + problem));
    }

    /** Handles one event at once (the web chat); the replies are queued under {@code key} and returned. */
    public List<Outbound> processNow(Inbound event, String key) {
        return database.transaction(handle -> {
            Instant now = clock.instant();
            List<Outbound> replies = handler.handle(handle, event, now);
            queue(handle, replies, key, now);
            return replies;
        });
    }

    /** Queues the polite "something went wrong" for an event whose handling failed (the web chat). */
    public void apologize(Inbound event, String key) {
        handler.apology(event).ifPresent(apology ->
                database.useTransaction(handle -> queue(handle, List.of(apology), key, clock.instant())));
    }

    private void queue(app.liuke.store.Handle handle, List<Outbound> replies, String key, Instant now) {
        for (int i = 0; i < replies.size(); i++) {
            outbox.enqueue(handle, replies.get(i), key + ":" + i, null, now);
        }
    }
}
