package app.liuke.channel;

import app.liuke.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The inbound flow: adapter → durable inbox → per-chat ordered workers → {@link ChatPipeline}.
 * At start-up it first resumes the updates a previous run stored but did not finish. Thread-safe.
 */
public final class InboundFlow implements AutoCloseable {
    private final Database database;
    private final Inbox inbox;
    private final ChatPipeline pipeline;
    private final Map<String, UpdateTranslator> translators;
    private final ChatWorkers workers;
    private final Clock clock;
    private InboxWriter writer;

    public InboundFlow(Database database, Inbox inbox, ChatPipeline pipeline, Map<String, UpdateTranslator> translators,
                       int lanes, Clock clock) {
        this.database = database;
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.translators = Map.copyOf(translators);
        this.workers = new ChatWorkers(lanes);
        this.clock = clock;
    }

    /** Queues unfinished updates from the last run, then starts accepting new ones; returns how many were resumed. */
    public synchronized int start() {
        int resumed = 0;
        long after = 0;
        while (true) {
            long cursor = after;
            List<InboxEntry> page = database.read(handle -> inbox.pending(handle, cursor, 1000));
            if (page.isEmpty()) {
                break;
            }
            workers.submitAll(page, this::process);
            resumed += page.size();
            after = page.get(page.size() - 1).id();
        }
        writer = new InboxWriter(database, inbox, clock, entries -> workers.submitAll(entries, this::process));
        return resumed;
    }

    /** Stores the update durably (the future completes after the commit); processing follows asynchronously. */
    public CompletableFuture<InboxWriter.Outcome> submit(IncomingUpdate update) {
        if (writer == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the inbound flow is not started"));
        }
        return writer.submit(update);
    }

    private void process(InboxEntry entry) {
        try {
            translateAndHandle(entry);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(InboundFlow.class).error(
                    "update {} (inbox row {}) could not even be marked failed; it is retried at the next start", entry.updateId(), entry.id(), e);
        }
    }

    private void translateAndHandle(InboxEntry entry) {
        List<Inbound> events;
        try {
            UpdateTranslator translator = translators.get(entry.channel());
            if (translator == null) {
                throw new IllegalStateException("no adapter for channel " + entry.channel());
            }
            events = translator.translate(entry.payload());
        } catch (RuntimeException e) {
            pipeline.unreadable(entry, e);
            return;
        }
        pipeline.process(entry, events);
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        workers.close();
    }
}
