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
    /** At most this many updates of one lane share a transaction (each in its own savepoint). */
    private static final int BATCH = 32;
    private final Database database;
    private final Inbox inbox;
    private final ChatPipeline pipeline;
    private final Map<String, UpdateTranslator> translators;
    private final ChatWorkers workers;
    private final Clock clock;
    private final ChatPipeline.ChatOrder order;
    private InboxWriter writer;

    public InboundFlow(Database database, Inbox inbox, ChatPipeline pipeline, Map<String, UpdateTranslator> translators,
                       int lanes, Clock clock) {
        this.database = database;
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.translators = Map.copyOf(translators);
        this.workers = new ChatWorkers(lanes, BATCH, this::process);
        this.clock = clock;
        this.order = database.dialect() == app.liuke.store.Dialect.POSTGRES
                ? new SharedChatOrder(inbox, this::translate, pipeline) : null;
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
            workers.submitAll(page);
            resumed += page.size();
            after = page.get(page.size() - 1).id();
        }
        writer = new InboxWriter(database, inbox, clock, workers::submitAll);
        workers.yieldWhile(writer::busy);
        return resumed;
    }

    /** Stores the update durably (the future completes after the commit); processing follows asynchronously. */
    public CompletableFuture<InboxWriter.Outcome> submit(IncomingUpdate update) {
        if (writer == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the inbound flow is not started"));
        }
        return writer.submit(update);
    }

    /** Loads a lane's batch from the inbox and translates it; unreadable payloads are set aside, the rest is handled together. */
    private void process(List<InboxEntry> queued) {
        List<InboxEntry> entries = database.read(handle -> queued.stream()
                .map(entry -> entry.withPayload(inbox.payload(handle, entry.id()))).toList());
        var jobs = new java.util.ArrayList<ChatPipeline.Job>(entries.size());
        for (InboxEntry entry : entries) {
            try {
                jobs.add(new ChatPipeline.Job(entry, translate(entry)));
            } catch (RuntimeException e) {
                pipeline.unreadable(entry, e);
            }
        }
        if (!jobs.isEmpty()) {
            pipeline.process(jobs, order);
        }
    }

    private List<Inbound> translate(InboxEntry entry) {
        UpdateTranslator translator = translators.get(entry.channel());
        if (translator == null) {
            throw new IllegalStateException("no adapter for channel " + entry.channel());
        }
        return translator.translate(entry.payload());
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        workers.close();
    }
}
