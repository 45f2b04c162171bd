package app.liuke.campaign;

import app.liuke.store.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * reactivation (唤醒): a dormant customer gets a reactivation offer (a personal code), then after
 * {@code stepDays} the "why did we not see you?" survey. A purchase or a redemption ends the sequence;
 * one sequence per customer per {@code periodDays}; a churned customer gets one final win-back, if
 * {@code winBack} is on. Sequences live in the {@code reactivation} table.
 */
final class ReactivationCampaign extends StandingCampaign {
    /** Skips that will not change by tomorrow: the sequence is recorded as ended, so the period rule holds. */
    private static final Set<String> FINAL_SKIPS = Set.of("opted-out", "unreachable", "no-chat");
    ReactivationCampaign(CampaignSettings settings, CampaignTexts texts) {
        super(settings, texts);
    }

    @Override
    public void prepare(Handle handle, Instant now) {
        handle.update("""
                UPDATE reactivation SET ended_at = :now, end_reason = 'purchased'
                WHERE ended_at IS NULL AND EXISTS (SELECT 1 FROM purchase p WHERE p.customer_id = reactivation.customer_id
                                                   AND p.purchased_at >= reactivation.started_at)""", "now", now.getEpochSecond());
        handle.update("""
                UPDATE reactivation SET ended_at = :now, end_reason = 'redeemed'
                WHERE ended_at IS NULL AND EXISTS (SELECT 1 FROM offer_redemption r WHERE r.customer_id = reactivation.customer_id
                                                   AND r.redeemed_at >= reactivation.started_at)""", "now", now.getEpochSecond());
    }

    @Override
    public Audience audience(CampaignDay day) {
        return new Audience("""
                SELECT c.id AS customer_id, 'start-' || :rDate AS occurrence, 'dormant' AS step, 0 AS seq FROM customer c
                WHERE c.stage = 'dormant' AND NOT EXISTS (SELECT 1 FROM reactivation r WHERE r.customer_id = c.id
                                                          AND (r.ended_at IS NULL OR r.started_at >= :rPeriodStart))
                UNION ALL
                SELECT c.id, 'win-back', 'win-back', 0 FROM customer c
                WHERE :rWinBack = 1 AND c.stage = 'churned' AND NOT EXISTS (SELECT 1 FROM reactivation r WHERE r.customer_id = c.id
                                                                          AND (r.kind = 'win-back' OR r.ended_at IS NULL))
                UNION ALL
                SELECT r.customer_id, 'seq-' || r.id || '-survey', 'survey', r.id FROM reactivation r
                WHERE r.ended_at IS NULL AND r.step = 1 AND r.next_at <= :rNow""",
                "rDate", day.date().toString(), "rPeriodStart", day.now().minus(Duration.ofDays(settings.periodDays())).getEpochSecond(),
                "rWinBack", settings.winBack() ? 1 : 0, "rNow", day.now().getEpochSecond());
    }

    @Override
    public boolean startsSurveys() {
        return !settings.survey().isBlank();
    }

    @Override
    public Target target(ResultSet row, CampaignDay day) throws SQLException {
        String step = row.getString("step");
        long customer = row.getLong("customer_id");
        String name = row.getString("c_name");
        return switch (step) {
            case "survey" -> new Target(customer, row.getString("occurrence"), texts.get("campaign.reactivation.survey", "name", name),
                    null, settings.survey().isBlank() ? null : settings.survey(), List.of(), row.getLong("seq"));
            case "win-back" -> new Target(customer, row.getString("occurrence"), texts.get("campaign.reactivation.winBack", "name", name),
                    blankToNull(settings.offer()), null, List.of(), -1);
            default -> new Target(customer, row.getString("occurrence"), texts.get("campaign.reactivation.offer", "name", name),
                    blankToNull(settings.offer()), null, List.of(), 0);
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @Override
    public void planned(Handle handle, Target target, boolean queued, String reason, Instant now) {
        if (target.ref() > 0) {
            handle.update("UPDATE reactivation SET step = 2, ended_at = :now, end_reason = :reason WHERE id = :id",
                    "now", now.getEpochSecond(), "reason", queued ? "completed" : "skipped:" + reason, "id", target.ref());
            return;
        }
        if (!queued && !FINAL_SKIPS.contains(reason)) {
            return;
        }
        boolean winBack = target.ref() < 0;
        handle.update("""
                INSERT INTO reactivation (customer_id, kind, started_at, step, next_at, ended_at, end_reason)
                VALUES (:customer, :kind, :now, 1, :next, :ended, :reason)""",
                "customer", target.customerId(), "kind", winBack ? "win-back" : "dormant", "now", now.getEpochSecond(),
                "next", queued && !winBack ? now.plus(Duration.ofDays(settings.stepDays())).getEpochSecond() : null,
                "ended", queued && !winBack ? null : now.getEpochSecond(),
                "reason", queued ? (winBack ? "completed" : null) : "skipped:" + reason);
    }
}
