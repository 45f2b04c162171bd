package app.liuke.campaign;

import app.liuke.store.Database;
import app.liuke.store.Dialect;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A campaign's audience, page by page ({@link PlanningPage}), for the planner. While the planner
 * decides and writes one page in its transaction, the next page is already being read on a
 * connection of its own (issue #18: reading and writing were each half of planning's time).
 *
 * <p>Reading ahead is safe because a page ends at a whole customer: everything a page's facts count
 * (the customer's contacts, slot, survey, whether this contact was planned) belongs to that page's
 * customers, which the page being written does not touch. So a full page gives back its last
 * customer's rows, and the next page starts with them. Two cases read the next page only after the
 * current one committed: a page that is one customer's rows alone, and, on PostgreSQL, while the
 * outbox has not been analyzed with rows in it yet (see {@link #read}). Not thread-safe: one planner.
 */
final class AudiencePages implements AutoCloseable {
    private final Database database;
    private final PlanningPage pages;
    private final Campaign campaign;
    private final CampaignDay day;
    private final long slot;
    private final boolean preview;
    private final int pageSize;
    private final ExecutorService reader;
    private long afterCustomer = -1;
    private String afterOccurrence = "";
    private boolean done;
    private Future<Read> ahead;

    AudiencePages(Database database, PlanningPage pages, Campaign campaign, CampaignDay day, long slot, boolean preview,
                  int pageSize) {
        this.database = database;
        this.pages = pages;
        this.campaign = campaign;
        this.day = day;
        this.slot = slot;
        this.preview = preview;
        this.pageSize = pageSize;
        this.reader = Executors.newSingleThreadExecutor(runnable -> {
            var thread = new Thread(runnable, "liuke-campaign-pages");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One read: the rows, whether the page was full, and whether the next page may be read before this one commits. */
    private record Read(List<PlanningPage.Row> rows, boolean full, boolean settled) {
    }

    /** The next page's rows, in audience order; null after the last. */
    List<PlanningPage.Row> next() {
        if (done && ahead == null) {
            return null;
        }
        Read read = ahead != null ? await(ahead) : read(afterCustomer, afterOccurrence);
        ahead = null;
        List<PlanningPage.Row> rows = read.rows();
        boolean alone = false;
        if (read.full()) {
            long last = rows.get(rows.size() - 1).target().customerId();
            int end = rows.size();
            while (end > 0 && rows.get(end - 1).target().customerId() == last) {
                end--;
            }
            alone = end == 0;
            rows = alone ? rows : rows.subList(0, end);
        }
        done = !read.full();
        if (!rows.isEmpty()) {
            var target = rows.get(rows.size() - 1).target();
            afterCustomer = target.customerId();
            afterOccurrence = target.occurrence();
        }
        if (!done && read.settled() && !alone) {
            long customer = afterCustomer;
            String occurrence = afterOccurrence;
            ahead = reader.submit(() -> read(customer, occurrence));
        }
        return rows.isEmpty() && done ? null : rows;
    }

    /**
     * Reads the page after the given row. On PostgreSQL, before planning writes, an outbox never
     * analyzed with rows in it is analyzed first: believing it empty, PostgreSQL would scan all of it
     * once per customer (docs/benchmarks.md). Once it knows the rows per page, its estimates grow with
     * the table. Until then the next page waits for this one's rows, so that the analysis sees them.
     */
    private Read read(long customer, String occurrence) {
        return database.read(handle -> {
            boolean settled = true;
            if (!preview && handle.dialect() == Dialect.POSTGRES && handle.queryLong(
                    "SELECT count(*) FROM pg_class WHERE relname = 'outbox' AND (relpages = 0 OR reltuples <= 0)") > 0) {
                handle.execute("ANALYZE outbox");
                settled = false;
            }
            var rows = pages.read(handle, campaign, day, slot, customer, occurrence, pageSize);
            return new Read(rows, rows.size() == pageSize, settled);
        });
    }

    private static Read await(Future<Read> read) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the campaign's audience", e);
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
