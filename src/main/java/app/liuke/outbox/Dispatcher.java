package app.liuke.outbox;

import app.liuke.channel.ChannelGateway;
import app.liuke.channel.Delivery;
import app.liuke.channel.Outbound;
import app.liuke.store.Database;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending outbox rows through their channel's gateway, oldest first, keeping each chat in
 * order. Rows are leased in batches, so a second dispatcher (or this one after a restart) never
 * sends a row another live one holds; the {@link SendGate} looks at each leased row once more
 * (opt-out, quiet hours, staleness). Token buckets pace the global rate, each chat and each group;
 * a 429 pauses the channel for its {@code retry_after}; a 403 marks the identity unreachable; one
 * failing recipient never stops the rest. A row is marked sent only after the gateway delivered it.
 * One background thread; thread-safe.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final int MAX_ATTEMPTS = 5;
    private final Database database;
    private final Outbox outbox;
    private final List<ChannelGateway> gateways;
    private final DeliveryEvents events;
    private final SendGate gate;
    private final DispatchRules rules;
    private final Clock clock;
    private final LongSupplier ticker;
    private final String owner = UUID.randomUUID().toString();
    private final TokenBucket global;
    private final Cache<String, TokenBucket> chats = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).build();
    /** Per channel, until when a 429 told us to wait (shop clock, so tests move time instead of sleeping). */
    private final Map<String, Instant> pausedUntil = new HashMap<>();
    private final Object signal = new Object();
    private volatile boolean running;
    private volatile java.util.function.BooleanSupplier leads = () -> true;
    private volatile Delivered delivered = (row, externalId) -> { };
    private boolean woken;
    private Thread thread;

    public Dispatcher(Database database, Outbox outbox, List<ChannelGateway> gateways, DeliveryEvents events, SendGate gate,
                      DispatchRules rules, Clock clock, LongSupplier ticker) {
        this.database = database;
        this.outbox = outbox;
        this.gateways = List.copyOf(gateways);
        this.events = events;
        this.gate = gate;
        this.rules = rules;
        this.clock = clock;
        this.ticker = ticker;
        this.global = new TokenBucket(Math.max(1, rules.perSecond() / 50.0), rules.perSecond(), ticker);
    }

    /**
     * Sends only while {@code leads} says so: with several instances on one database, the leader's
     * dispatcher alone sends, so the rate limits, counted here, hold for the whole shop (issue #18).
     */
    public Dispatcher onlyWhile(java.util.function.BooleanSupplier leads) {
        this.leads = leads;
        return this;
    }

    /** Told of each row a channel took, with the id the channel gave it, once that is committed. */
    public interface Delivered {
        void delivered(OutboxRow row, String externalId);
    }

    /** Who to tell of each delivered row ({@code liuke simulate} writes its send log from it). */
    public Dispatcher onDelivered(Delivered listener) {
        this.delivered = listener;
        return this;
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
                sent = leads.getAsBoolean() && runOnce();
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

    private int batchSize() {
        return Math.max(1, Math.min(200, Math.min(rules.perSecond(), rules.perSecond() * rules.leaseSeconds() / 2)));
    }

    /** One pass over every gateway's due rows; true when at least one row was delivered or settled. */
    public synchronized boolean runOnce() {
        boolean progress = false;
        for (ChannelGateway gateway : gateways) {
            Instant now = clock.instant();
            Instant paused = pausedUntil.get(gateway.channel());
            if (paused != null && paused.isAfter(now)) {
                continue;
            }
            if (!database.read(handle -> outbox.anyDue(handle, gateway.channel(), owner, now))) {
                continue;                                   // nothing due: no write transaction (an idle poll takes no lock)
            }
            var due = database.transaction(handle -> outbox.cleared(handle, gate,
                    outbox.lease(handle, gateway.channel(), owner, batchSize(), now, now.plusSeconds(rules.leaseSeconds())), now));
            progress |= send(gateway, due);
        }
        return progress;
    }

    private boolean send(ChannelGateway gateway, List<OutboxRow> rows) {
        boolean progress = false;
        Set<String> heldBack = new HashSet<>();
        Map<String, Instant> pacedUntil = new HashMap<>();
        for (OutboxRow row : rows) {
            if (!running && thread != null) {
                return progress;
            }
            Instant paced = pacedUntil.get(row.chatId());
            if (paced != null) {   // the gateway said its chat must wait: the chat's later rows wait with it
                database.useTransaction(handle -> outbox.defer(handle, row.id(), paced, "paced"));
                continue;
            }
            boolean answer = row.message() instanceof Outbound.AnswerButton;  // answers are due at once and keep no order
            if (!answer && (heldBack.contains(row.chatId()) || (!gateway.pacesItself() && !chatToken(row)))) {
                heldBack.add(row.chatId());
                continue;
            }
            awaitGlobalToken();
            Instant handedOver = clock.instant();          // sent_at: when the channel was given it, not when it answered
            Delivery delivery = gateway.deliver(row.message());
            if (delivery instanceof Delivery.RetryLater retry) {
                pausedUntil.put(gateway.channel(), clock.instant().plus(retry.delay()));
                LOG.warn("{} asked us to slow down; pausing {} s", gateway.channel(), retry.delay().toSeconds());
                database.useTransaction(handle -> outbox.defer(handle, row.id(), clock.instant().plus(retry.delay()), "rate-limited"));
                return progress;
            }
            if (delivery instanceof Delivery.Later later) {
                pacedUntil.put(row.chatId(), clock.instant().plus(later.delay()));
            }
            if (!settle(row, delivery, handedOver)) {
                heldBack.add(row.chatId());
            } else {
                progress = true;
                if (delivery instanceof Delivery.Delivered sent) {
                    delivered.delivered(row, sent.externalId());
                }
            }
        }
        return progress;
    }

    /** Per chat (1/s, bursts of 3) or per group (20/min). */
    private boolean chatToken(OutboxRow row) {
        boolean group = row.message().chat().group();
        TokenBucket bucket = chats.get(row.channel() + ":" + row.chatId(), key -> group
                ? new TokenBucket(Math.max(1, rules.perGroupPerMinute() / 6.0), rules.perGroupPerMinute() / 60.0, ticker)
                : new TokenBucket(Math.max(3, rules.perChatPerSecond()), rules.perChatPerSecond(), ticker));
        return bucket.tryTake();
    }

    private void awaitGlobalToken() {
        while (!global.tryTake()) {
            LockSupport.parkNanos(global.nanosUntilToken());
        }
    }

    /** Records the outcome; false when the row must wait (and its chat with it). */
    private boolean settle(OutboxRow row, Delivery delivery, Instant now) {
        return database.transaction(handle -> {
            if (delivery instanceof Delivery.Delivered delivered) {
                outbox.markSent(handle, row.id(), delivered.externalId(), now);
                return true;
            }
            if (delivery instanceof Delivery.Unreachable unreachable) {
                outbox.markFailed(handle, row.id(), "unreachable: " + unreachable.reason(), now);
                events.unreachable(handle, row.channel(), row.chatId(), unreachable.reason());
                return true;
            }
            if (delivery instanceof Delivery.Later later) {
                outbox.defer(handle, row.id(), now.plus(later.delay()), "paced");
                return false;
            }
            if (delivery instanceof Delivery.Skipped skipped) {
                outbox.markSkipped(handle, row.id(), skipped.reason(), now);
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
        try {
            database.useTransaction(handle -> outbox.release(handle, owner));
        } catch (RuntimeException e) {
            LOG.debug("could not release outbox leases on close", e);
        }
    }
}
