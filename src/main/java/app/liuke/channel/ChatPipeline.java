package app.liuke.channel;

import app.liuke.outbox.Outbox;
import app.liuke.store.Database;
import app.liuke.store.Handle;
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

    /** One inbox row and the events its channel adapter read from it. */
    public record Job(InboxEntry entry, List<Inbound> events) {
    }

    /**
     * Processes a lane's batch in as few transactions as it can, each update in its own savepoint: a
     * failing update is undone alone, marked failed and answered with an apology, and the others go
     * on. A transaction ends early when a webhook waits to store an update, so acknowledgements never
     * wait behind a whole batch. Should a transaction itself fail, its updates are tried again one by one.
     */
    public void process(List<Job> jobs) {
        process(jobs, null);
    }

    /**
     * With several instances on one database a chat's updates can land on different instances; {@code order}
     * (null with one instance) keeps each chat's updates in inbox order across them ({@link SharedChatOrder}).
     */
    public interface ChatOrder {
        /** Locks the chat for this transaction; its earlier pending updates, to handle first, or null when this one is handled already. */
        List<Job> before(Handle handle, InboxEntry entry);
    }

    /** {@link #process(List)}, keeping each chat's order across instances with {@code order}. */
    public void process(List<Job> jobs, ChatOrder order) {
        int next = 0;
        while (next < jobs.size()) {
            int from = next;
            try {
                next = database.transaction(handle -> {
                    int i = from;
                    do {
                        handleInOrder(handle, jobs.get(i++), order);
                    } while (i < jobs.size() && !database.urgentWaiting());
                    return i;
                });
            } catch (RuntimeException e) {
                LOG.warn("a transaction of updates could not be committed ({}); handling them one at a time", e.toString());
                jobs.subList(from, jobs.size()).forEach(job -> processAlone(job, order));
                break;
            }
        }
        wakeDispatcher.run();
    }

    private void processAlone(Job job, ChatOrder order) {
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    database.useTransaction(handle -> handleInOrder(handle, job, order));
                    return;
                } catch (RuntimeException e) {
                    if (!Database.isBusy(e) || attempt == 3) {
                        throw e;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("update {} (inbox row {}) could not be stored as handled; it is retried at the next start",
                    job.entry().updateId(), job.entry().id(), e);
        }
    }

    private void handleInOrder(Handle handle, Job job, ChatOrder order) {
        if (order != null) {
            List<Job> earlier = order.before(handle, job.entry());
            if (earlier == null) {
                return;
            }
            earlier.forEach(first -> handleOne(handle, first));
        }
        handleOne(handle, job);
    }

    private void handleOne(Handle handle, Job job) {
        InboxEntry entry = job.entry();
        String key = "in:" + entry.channel() + ":" + entry.updateId();
        Instant now = clock.instant();
        try {
            handle.savepoint(() -> {
                var replies = new ArrayList<Outbound>();
                for (Inbound event : job.events()) {
                    replies.addAll(handler.handle(handle, event, now));
                }
                queue(handle, replies, key, now);
                inbox.markDone(handle, entry.id());
                return null;
            });
        } catch (RuntimeException e) {
            if (Database.isBusy(e)) {
                throw e;          // a deadlock or a lost race between instances: not this update's fault, try it again
            }
            LOG.warn("update {} from {} (inbox row {}) failed: {}", entry.updateId(), entry.channel(), entry.id(), e.toString(), e);
            inbox.markFailed(handle, entry.id(), e.toString());
            var apologies = job.events().stream().map(handler::apology).flatMap(java.util.Optional::stream).limit(1).toList();
            queue(handle, apologies, key + ":sorry", now);
        }
    }

    /** The adapter could not read the payload: logged and marked failed, never retried. */
    public void unreadable(InboxEntry entry, RuntimeException problem) {
        database.useTransaction(handle -> unreadable(handle, entry, problem));
    }

    void unreadable(Handle handle, InboxEntry entry, RuntimeException problem) {
        LOG.warn("update {} from {} (inbox row {}) is unreadable: {}", entry.updateId(), entry.channel(), entry.id(), problem.toString());
        inbox.markFailed(handle, entry.id(), "unreadable: " + problem);
    }

    /** Handles one event at once (the web chat); the replies are queued under {@code key} and returned. */
    public List<Outbound> processNow(Inbound event, String key) {
        return database.transaction(handle -> {
            handle.lock(event.chat().key());     // two messages of one web chat at once (a double click) go in turn
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

    private void queue(Handle handle, List<Outbound> replies, String key, Instant now) {
        for (int i = 0; i < replies.size(); i++) {
            outbox.enqueue(handle, replies.get(i), key + ":" + i, null, now);
        }
    }
}
