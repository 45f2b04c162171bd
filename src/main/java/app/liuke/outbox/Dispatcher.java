package app.liuke.outbox;

import app.liuke.channel.ChannelGateway;
import app.liuke.channel.Delivery;
import app.liuke.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending outbox rows through their channel's gateway, oldest first, keeping each chat in
 * order: a chat whose next message must wait (429, backoff) holds its later messages back too.
 * A row is marked sent only after the gateway delivered it. One background thread; thread-safe.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final int MAX_ATTEMPTS = 5;
    private static final int BATCH = 100;
    private final Database database;
    private final Outbox outbox;
    private final List<ChannelGateway> gateways;
    private final DeliveryEvents events;
    private final Clock clock;
    private final Object signal = new Object();
    private volatile boolean running;
    private boolean woken;
    private Thread thread;

    public Dispatcher(Database database, Outbox outbox, List<ChannelGateway> gateways, DeliveryEvents events, Clock clock) {
        this.database = database;
        this.outbox = outbox;
        this.gateways = List.copyOf(gateways);
        this.events = events;
        this.clock = clock;
    }

    public Dispatcher start() {
        running = true;
        thread = new Thread(this::loop, "liuke-dispatcher");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Something was queued: look now instead of at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            boolean sent = false;
            try {
                sent = runOnce();
            } catch (RuntimeException e) {
                LOG.error("dispatcher pass failed; trying again shortly", e);
            }
            if (!sent) {
                idle();
            }
        }
    }

    private void idle() {
        synchronized (signal) {
            if (!woken) {
                try {
                    signal.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    /** One pass over every gateway's due rows; true when at least one row was delivered or settled. */
    public synchronized boolean runOnce() {
        boolean progress = false;
        for (ChannelGateway gateway : gateways) {
            Set<String> heldBack = new HashSet<>();
            for (OutboxRow row : database.read(handle -> outbox.pending(handle, gateway.channel(), BATCH))) {
                if (!running && thread != null) {
                    return progress;
                }
                Instant now = clock.instant();
                if (heldBack.contains(row.chatId()) || row.notBefore() > now.getEpochSecond()) {
                    heldBack.add(row.chatId());
                    continue;
                }
                Delivery delivery = gateway.deliver(row.message());
                if (!settle(row, delivery, clock.instant())) {
                    heldBack.add(row.chatId());
                } else {
                    progress = true;
                }
            }
        }
        return progress;
    }

    /** Records the outcome; false when the row must wait (and its chat with it). */
    private boolean settle(OutboxRow row, Delivery delivery, Instant now) {
        return database.transaction(handle -> {
            if (delivery instanceof Delivery.Delivered delivered) {
                outbox.markSent(handle, row.id(), delivered.externalId(), now);
                return true;
            }
            if (delivery instanceof Delivery.RetryLater retry) {
                outbox.retryLater(handle, row.id(), retry.delay(), "rate limited", now);
                return false;
            }
            if (delivery instanceof Delivery.Unreachable unreachable) {
                outbox.markFailed(handle, row.id(), "unreachable: " + unreachable.reason(), now);
                events.unreachable(handle, row.channel(), row.chatId(), unreachable.reason());
                return true;
            }
            if (delivery instanceof Delivery.ChatMoved moved) {
                outbox.moveChat(handle, row.channel(), row.chatId(), moved.newChatId());
                events.chatMoved(handle, row.channel(), row.chatId(), moved.newChatId());
                return true;
            }
            var failed = (Delivery.Failed) delivery;
            if (failed.permanent() || row.attempts() + 1 >= MAX_ATTEMPTS) {
                LOG.warn("outbox row {} to {} given up: {}", row.id(), row.channel(), failed.reason());
                outbox.markFailed(handle, row.id(), failed.reason(), now);
                return true;
            }
            outbox.retryLater(handle, row.id(), Duration.ofSeconds(1L << (row.attempts() + 1)), failed.reason(), now);
            return false;
        });
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
