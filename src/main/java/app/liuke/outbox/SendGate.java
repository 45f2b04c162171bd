package app.liuke.outbox;

import app.liuke.store.Handle;
import java.time.Instant;

/**
 * Asked by the dispatcher just before a row goes out, so what changed since it was planned still
 * counts (an opt-out a minute ago, a dispatcher that fell into quiet hours, a row gone stale).
 * Replies to the customer's own action always pass.
 */
public interface SendGate {
    sealed interface Verdict permits Pass, Defer, Skip {
    }

    record Pass() implements Verdict {
    }

    /** Not now: try again at {@code until}; {@code reason} is recorded on the row. */
    record Defer(Instant until, String reason) implements Verdict {
    }

    /** Never: the row ends as skipped with {@code reason}. */
    record Skip(String reason) implements Verdict {
    }

    Verdict check(Handle handle, OutboxRow row, Instant now);

    /** The verdicts for a leased batch, in its order: a gate may look up its rows' facts together. */
    default java.util.List<Verdict> checkAll(Handle handle, java.util.List<OutboxRow> rows, Instant now) {
        return rows.stream().map(row -> check(handle, row, now)).toList();
    }
}
