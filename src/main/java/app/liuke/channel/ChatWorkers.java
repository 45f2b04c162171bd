package app.liuke.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs work in order within a chat and in parallel across chats: each chat key always lands on the
 * same single-threaded lane. A failing task is contained by the task itself ({@link ChatPipeline}).
 */
public final class ChatWorkers implements AutoCloseable {
    private final List<ExecutorService> lanes = new ArrayList<>();

    public ChatWorkers(int laneCount) {
        for (int i = 0; i < laneCount; i++) {
            int lane = i;
            lanes.add(Executors.newSingleThreadExecutor(runnable -> {
                var thread = new Thread(runnable, "liuke-chat-" + lane);
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    public void submit(String chatKey, Runnable work) {
        lanes.get(Math.floorMod(chatKey.hashCode(), lanes.size())).execute(work);
    }

    /** Submits each entry to its chat's lane. */
    public void submitAll(List<InboxEntry> entries, Consumer<InboxEntry> work) {
        for (InboxEntry entry : entries) {
            submit(entry.chatKey(), () -> work.accept(entry));
        }
    }

    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdown);
        for (ExecutorService lane : lanes) {
            try {
                if (!lane.awaitTermination(10, TimeUnit.SECONDS)) {
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.shutdownNow();
            }
        }
    }
}
