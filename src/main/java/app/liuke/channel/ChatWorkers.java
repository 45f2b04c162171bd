package app.liuke.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs inbox entries in order within a chat and in parallel across chats: each chat key always
 * lands on the same lane, and a lane is one thread. A lane takes everything queued for it (up to a
 * batch) and hands it over in arrival order, so a burst is handled in a few transactions instead
 * of one per update. Acknowledging comes first: while webhooks wait for the inbox, a lane rests as
 * long as its last batch took, so processing gets at most half its lane's time and catches up when
 * the burst is over (the inbox holds the backlog, not the heap). A failing batch is contained by
 * the work itself ({@link ChatPipeline}).
 * Entries still queued at {@link #close} stay pending in the inbox and are resumed at the next start.
 */
public final class ChatWorkers implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChatWorkers.class);
    private final List<Lane> lanes = new ArrayList<>();

    public ChatWorkers(int laneCount, int batch, Consumer<List<InboxEntry>> work) {
        for (int i = 0; i < laneCount; i++) {
            var lane = new Lane(batch, work);
            var thread = new Thread(lane, "liuke-chat-" + i);
            thread.setDaemon(true);
            lane.thread = thread;
            lanes.add(lane);
            thread.start();
        }
    }

    /** While {@code pressure} holds, a lane rests as long as it worked after each batch. */
    public void yieldWhile(java.util.function.BooleanSupplier pressure) {
        lanes.forEach(lane -> lane.pressure = pressure);
    }

    /** Queues each entry on its chat's lane. */
    public void submitAll(List<InboxEntry> entries) {
        for (InboxEntry entry : entries) {
            lanes.get(Math.floorMod(entry.chatKey().hashCode(), lanes.size())).queue.add(entry);
        }
    }

    @Override
    public void close() {
        lanes.forEach(lane -> lane.running = false);
        for (Lane lane : lanes) {
            try {
                lane.thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final class Lane implements Runnable {
        private final BlockingQueue<InboxEntry> queue = new LinkedBlockingQueue<>();
        private final int batch;
        private final Consumer<List<InboxEntry>> work;
        private volatile boolean running = true;
        private volatile java.util.function.BooleanSupplier pressure = () -> false;
        private Thread thread;

        Lane(int batch, Consumer<List<InboxEntry>> work) {
            this.batch = batch;
            this.work = work;
        }

        @Override
        public void run() {
            var taken = new ArrayList<InboxEntry>(batch);
            while (running) {
                try {
                    InboxEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    taken.add(first);
                    queue.drainTo(taken, batch - 1);
                    long started = System.nanoTime();
                    work.accept(List.copyOf(taken));
                    if (pressure.getAsBoolean()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(System.nanoTime() - started);
                    }
                } catch (RuntimeException e) {
                    LOG.error("a batch of {} update(s) failed outside its own handling; they stay pending until the next start",
                            taken.size(), e);
                } catch (InterruptedException e) {
                    return;
                } finally {
                    taken.clear();
                }
            }
        }
    }
}
