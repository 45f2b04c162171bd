package app.liuke.campaign;

import app.liuke.store.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A campaign: who it is for on a given day ({@link #audience}, one SQL query), and what each of
 * them gets ({@link #target}). The planner puts every target through the {@link ContactPolicy} and
 * into the outbox under the key (campaign, customer, occurrence), so a target planned twice is sent once.
 */
public interface Campaign {
    CampaignSettings settings();

    default String name() {
        return settings().name();
    }

    /**
     * SQL with the columns {@code customer_id} and {@code occurrence} (plus any the campaign reads in
     * {@link #target}); {@code params} are name/value pairs. The planner adds {@code c_name}, {@code c_tier}
     * and the other facts it needs.
     */
    record Audience(String sql, Object... params) {
    }

    Audience audience(CampaignDay day);

    Target target(ResultSet row, CampaignDay day) throws SQLException;

    /**
     * Whether any {@link Target} of this campaign may carry a survey; when not, the planner does not look
     * up when the customer was last invited to one (the survey cooldown does not apply).
     */
    default boolean startsSurveys() {
        return false;
    }

    /** Runs first, in its own transaction: e.g. reactivation ends the sequences a purchase stopped. */
    default void prepare(Handle handle, Instant now) {
    }

    /** Called in the planning transaction after a target was queued ({@code queued}) or skipped for {@code reason}. */
    default void planned(Handle handle, Target target, boolean queued, String reason, Instant now) {
    }
}
