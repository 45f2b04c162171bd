package app.liuke.tier;

import app.liuke.store.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the classification sweep once per shop day at {@code sweep.at}. {@link #tick} is called every
 * minute by the scheduler and once at start-up: after downtime a missed sweep runs once, never
 * once per missed day. Thread-safe (ticks are serialised).
 */
public final class DailySweep {
    private static final Logger LOG = LoggerFactory.getLogger(DailySweep.class);
    static final String JOB = "classification-sweep";
    private final Database database;
    private final ClassificationService classification;
    private final LocalTime at;
    private final ZoneId zone;
    private final Clock clock;

    public DailySweep(Database database, ClassificationService classification, LocalTime at, ZoneId zone, Clock clock) {
        this.database = database;
        this.classification = classification;
        this.at = at;
        this.zone = zone;
        this.clock = clock;
    }

    /** Runs the sweep if the latest scheduled one has not run yet; returns its report if it ran. */
    public synchronized Optional<SweepReport> tick() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
        LocalDate due = now.toLocalTime().isBefore(at) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
        Optional<String> lastRun = database.read(handle -> handle.queryOne(
                "SELECT last_run_day FROM job_run WHERE name = :name", row -> row.getString(1), "name", JOB));
        if (lastRun.isPresent() && LocalDate.parse(lastRun.get()).compareTo(due) >= 0) {
            return Optional.empty();
        }
        SweepReport report = classification.sweep();
        database.useTransaction(handle -> handle.update("""
                INSERT INTO job_run (name, last_run_day, last_run_at) VALUES (:name, :day, :at)
                ON CONFLICT (name) DO UPDATE SET last_run_day = excluded.last_run_day, last_run_at = excluded.last_run_at""",
                "name", JOB, "day", due.toString(), "at", clock.instant().getEpochSecond()));
        LOG.info("classification sweep for {}: {} customers, {} due, {} reclassified, {} RFM scores changed, {} point expiries, {} ms",
                due, report.customers(), report.looked(), report.reclassified(), report.rfmChanged(), report.pointExpiries(), report.took().toMillis());
        return Optional.of(report);
    }
}
