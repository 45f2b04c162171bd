package app.liuke.channel;

import app.liuke.store.Database;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes incoming updates to the inbox with group commit: one thread takes everything waiting (up
 * to a batch), inserts it in one transaction, then completes each caller's future, so a webhook is
 * acknowledged only once its update is on disk. Repeats (same channel and update id) are recognised
 * by a cache of recent ids and by the table's unique key. New rows go to {@code onStored}. Thread-safe.
 */
public final class InboxWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);
    private static final int BATCH = 1000;
    private final Database database;
    private final Inbox inbox;
    private final Clock clock;
    private final Consumer<List<InboxEntry>> onStored;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(50_000);
    private final Cache<String, Boolean> recent = Caffeine.newBuilder().maximumSize(20_000).build();
    private final Thread thread;
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();

    /** What became of one update: stored now, or already stored before. */
    public enum Outcome { STORED, REPEAT }

    private record Pending(IncomingUpdate update, CompletableFuture<Outcome> done) {
    }

    public InboxWriter(Database database, Inbox inbox, Clock clock, Consumer<List<InboxEntry>> onStored) {
        this.database = database;
        this.inbox = inbox;
        this.clock = clock;
        this.onStored = onStored;
        this.thread = new Thread(this::loop, "liuke-inbox-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the update; the future completes once it is committed (or known as a repeat). */
    public CompletableFuture<Outcome> submit(IncomingUpdate update) {
        if (recent.getIfPresent(key(update)) != null) {
            return CompletableFuture.completedFuture(Outcome.REPEAT);
        }
        var pending = new Pending(update, new CompletableFuture<>());
        unanswered.incrementAndGet();
        pending.done.whenComplete((outcome, failure) -> unanswered.decrementAndGet());
        if (!running || !queue.offer(pending)) {
            pending.done.completeExceptionally(new IllegalStateException("the inbox is not accepting updates"));
        }
        return pending.done;
    }

    private void loop() {
        var batch = new ArrayList<Pending>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        Instant now = clock.instant();
        var stored = new ArrayList<InboxEntry>();
        var outcomes = new ArrayList<Outcome>();
        try {
            database.urgentTransaction(handle -> {
                for (Pending pending : batch) {
                    IncomingUpdate update = pending.update;
                    var id = inbox.insertIfNew(handle, update, now);
                    id.ifPresent(value -> stored.add(InboxEntry.queued(value, update.channel(), update.updateId(), update.chatKey())));
                    outcomes.add(id.isPresent() ? Outcome.STORED : Outcome.REPEAT);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("could not store {} incoming update(s); the channel will redeliver them", batch.size(), e);
            batch.forEach(pending -> pending.done.completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            recent.put(key(batch.get(i).update), Boolean.TRUE);
            batch.get(i).done.complete(outcomes.get(i));
        }
        if (!stored.isEmpty()) {
            onStored.accept(stored);
        }
    }

    /** True while webhooks wait for their updates to be stored. */
    public boolean busy() {
        return unanswered.get() > 0;
    }

    private static String key(IncomingUpdate update) {
        return update.channel() + ":" + update.updateId();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
