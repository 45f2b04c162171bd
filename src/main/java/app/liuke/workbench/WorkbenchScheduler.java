package app.liuke.workbench;

import app.liuke.channel.Outbound;
import app.liuke.outbox.Outbox;
import app.liuke.store.Database;
import app.liuke.store.Handle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the morning reminders at {@code workbench.remindAt} and the managers' digest (about yesterday)
 * at {@code workbench.digestAt}, once per shop day each. After downtime a job still runs if it is at
 * most {@link #LATE} late; later than that it waits for tomorrow rather than wake people at night.
 * The messages are worked out in a read (seconds at a million customers); the day's run and its
 * messages then commit together in one short write. Thread-safe (ticks are serialised).
 */
public final class WorkbenchScheduler {
    static final Duration LATE = Duration.ofHours(6);
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchScheduler.class);
    private final Database database;
    private final Outbox outbox;
    private final Reminders reminders;
    private final DailyDigest digest;
    private final WorkbenchRules rules;
    private final ZoneId zone;
    private final Clock clock;
    private final Runnable wake;

    public WorkbenchScheduler(Database database, Outbox outbox, Reminders reminders, DailyDigest digest, WorkbenchRules rules,
                              ZoneId zone, Clock clock, Runnable wake) {
        this.database = database;
        this.outbox = outbox;
        this.reminders = reminders;
        this.digest = digest;
        this.rules = rules;
        this.zone = zone;
        this.clock = clock;
        this.wake = wake;
    }

    private interface Job {
        List<MorningMessage> plan(Handle handle, LocalDate today, Instant now);
    }

    /** Runs whichever of the two jobs is due; returns the names of those that ran. */
    public synchronized List<String> tick() {
        var ran = new ArrayList<String>();
        if (due("workbench-remind", rules.remindAt(), reminders::plan)) {
            ran.add("remind");
        }
        if (due("workbench-digest", rules.digestAt(), (handle, today, now) -> digest.plan(handle, today.minusDays(1), now))) {
            ran.add("digest");
        }
        if (!ran.isEmpty()) {
            wake.run();
        }
        return ran;
    }

    private boolean due(String name, LocalTime at, Job job) {
        Instant now = clock.instant();
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        LocalDate today = local.toLocalDate();
        LocalDateTime start = today.atTime(at);
        if (local.isBefore(start) || !local.isBefore(start.plus(LATE))) {
            return false;
        }
        if (database.read(handle -> ran(handle, name, today))) {
            return false;
        }
        List<MorningMessage> messages = database.read(handle -> job.plan(handle, today, now));
        return database.transaction(handle -> {
            if (ran(handle, name, today)) {
                return false;
            }
            for (MorningMessage message : messages) {
                outbox.enqueue(handle, new Outbound.SendText(message.chat(), message.text(), List.of()).withLink("/"), message.key(),
                        null, now);
            }
            handle.update("""
                    INSERT INTO job_run (name, last_run_day, last_run_at) VALUES (:name, :day, :at)
                    ON CONFLICT (name) DO UPDATE SET last_run_day = excluded.last_run_day, last_run_at = excluded.last_run_at""",
                    "name", name, "day", today.toString(), "at", now.getEpochSecond());
            LOG.info("{} for {}: {} messages queued", name, today, messages.size());
            return true;
        });
    }

    private static boolean ran(Handle handle, String name, LocalDate today) {
        return handle.queryLong("SELECT count(*) FROM job_run WHERE name = :name AND last_run_day >= :day",
                "name", name, "day", today.toString()) > 0;
    }
}
