package app.liuke.campaign;

import app.liuke.shared.InvalidInput;
import app.liuke.store.Database;
import app.liuke.store.Handle;
import app.liuke.tier.Segment;
import app.liuke.tier.ShopDays;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.Optional;

/**
 * Staff broadcasts: {@code /broadcast SEGMENT} opens a draft, the staff member's next message is its
 * text, and the confirm button sends it through the gate and outbox like every campaign. A draft
 * lapses after an hour. The API sends at once. Thread-safe.
 */
public final class Broadcasts {
    static final Duration DRAFT_LIFETIME = Duration.ofHours(1);
    private final Database database;
    private final Campaigns campaigns;
    private static final java.util.Set<String> EVERYONE = java.util.Set.of("all", "全部", "所有", "所有人");
    private final ShopDays days;
    private final Clock clock;

    Broadcasts(Database database, Campaigns campaigns, ShopDays days, Clock clock) {
        this.database = database;
        this.campaigns = campaigns;
        this.days = days;
        this.clock = clock;
    }

    /** A draft: its id, the segment, the text once given. */
    public record Draft(long id, String segment, String text) {
    }

    // The chat side calls these inside the chat's transaction (handle); the run itself goes to the background.

    /** Opens a draft for {@code staffId} (replacing an earlier one) after checking the segment; returns its size. */
    public long open(Handle handle, long staffId, String segment, Instant now) {
        Segment parsed = Segment.parse(everyone(segment) ? "" : segment, days, now);
        long size = handle.queryLong("SELECT count(*) FROM customer c WHERE " + parsed.where(), parsed.pairs());
        handle.update("UPDATE broadcast SET status = 'cancelled' WHERE staff_id = :staff AND status = 'draft'", "staff", staffId);
        handle.insert("INSERT INTO broadcast (staff_id, segment, created_at) VALUES (:staff, :segment, :now)",
                "staff", staffId, "segment", parsed.text(), "now", now.getEpochSecond());
        return size;
    }

    /** The staff member's draft still waiting for its text (or for the button). */
    public Optional<Draft> draft(Handle handle, long staffId, Instant now) {
        long since = now.minus(DRAFT_LIFETIME).getEpochSecond();
        return handle.queryOne("""
                SELECT id, segment, text FROM broadcast WHERE staff_id = :staff AND status = 'draft' AND created_at >= :since
                ORDER BY id DESC LIMIT 1""", row -> new Draft(row.getLong(1), row.getString(2), row.getString(3)),
                "staff", staffId, "since", since);
    }

    /** Gives the draft its text and returns the preview of who would get it. */
    public RunReport write(Handle handle, Draft draft, String text) {
        RunReport preview = campaigns.previewBroadcast(draft.segment(), text);
        handle.update("UPDATE broadcast SET text = :text WHERE id = :id", "text", text.strip(), "id", draft.id());
        return preview;
    }

    /** Marks the draft confirmed; empty when it was sent, cancelled or lapsed already (a second press). */
    public Optional<Draft> confirm(Handle handle, long staffId, long draftId, Instant now) {
        var draft = draft(handle, staffId, now).filter(d -> d.id() == draftId && d.text() != null);
        if (draft.isEmpty() || handle.update("""
                UPDATE broadcast SET status = 'confirmed', confirmed_at = :now WHERE id = :id AND status = 'draft'""",
                "now", now.getEpochSecond(), "id", draftId) == 0) {
            return Optional.empty();
        }
        return draft;
    }

    /** Sends a confirmed draft (call after the confirming transaction, e.g. from {@link Campaigns#inBackground}). */
    public RunReport send(Draft draft) {
        return campaigns.runBroadcast(draft.segment(), draft.text(), draft.id());
    }

    public void cancel(Handle handle, long staffId, long draftId) {
        handle.update("UPDATE broadcast SET status = 'cancelled' WHERE id = :id AND staff_id = :staff AND status = 'draft'",
                "id", draftId, "staff", staffId);
    }

    private static boolean everyone(String segment) {
        return segment != null && EVERYONE.contains(segment.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** The API's broadcast: sent at once. */
    public RunReport now(String segment, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "error.campaign.noText");
        }
        segment = everyone(segment) ? "" : segment;
        campaigns.checkBroadcast(segment, text);
        String chosen = segment;
        long id = database.transaction(handle -> handle.insert("""
                INSERT INTO broadcast (segment, text, status, created_at, confirmed_at) VALUES (:segment, :text, 'confirmed', :now, :now)""",
                "segment", chosen == null ? "" : chosen.strip(), "text", text.strip(), "now", clock.instant().getEpochSecond()));
        return campaigns.runBroadcast(chosen, text, id);
    }

}
