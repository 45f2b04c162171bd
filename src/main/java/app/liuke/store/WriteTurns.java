package app.liuke.store;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whose turn it is to write: one writer at a time per process, and a writer someone is waiting on
 * (an unacknowledged webhook) goes before background work. SQLite would otherwise make writers poll
 * for its lock with sleeps of up to 100 ms. Re-entrant for the thread holding the turn. Thread-safe.
 */
final class WriteTurns {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition free = lock.newCondition();
    private Thread holder;
    private int depth;
    private int urgentWaiting;

    void acquire(boolean urgent) {
        lock.lock();
        try {
            Thread me = Thread.currentThread();
            if (holder == me) {
                depth++;
                return;
            }
            if (urgent) {
                urgentWaiting++;
            }
            try {
                while (holder != null || (!urgent && urgentWaiting > 0)) {
                    free.awaitUninterruptibly();
                }
            } finally {
                if (urgent) {
                    urgentWaiting--;
                }
            }
            holder = me;
            depth = 1;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            if (holder != Thread.currentThread()) {
                throw new IllegalStateException("this thread does not hold the write turn");
            }
            if (--depth == 0) {
                holder = null;
                free.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** True while an urgent writer waits: background work should commit what it has and let it in. */
    boolean urgentWaiting() {
        lock.lock();
        try {
            return urgentWaiting > 0;
        } finally {
            lock.unlock();
        }
    }
}
