package app.liuke.tier;

/**
 * The one definition of how a customer is classified, as SQL over the customer row and its
 * purchases. Used for one customer (inside a purchase's transaction) and for everyone (the sweep),
 * so the two can never disagree. Days are whole days in the shop's time zone.
 */
final class ClassificationSql {
    private ClassificationSql() {
    }

    static final String TEMP_TABLE = """
            CREATE TEMP TABLE IF NOT EXISTS classified (
              id INTEGER PRIMARY KEY, old_tier TEXT, old_stage TEXT, tier TEXT, tier_reason TEXT,
              tier_reason_args TEXT, stage TEXT, stage_args TEXT, drop_at INTEGER, drop_to TEXT, drop_reason TEXT,
              first_time INTEGER, next_day INTEGER)""";

    /**
     * The daily sweep's filter: the customers whose {@code classify_day} has come, or who were never
     * classified (or were marked by a change the sweep itself made, such as expired points).
     */
    static final String DUE = "(classify_day IS NULL OR classify_day <= :today)";

    /** Refreshes the K-th most recent purchase time of the customers the filter selects. */
    static final String RECENT_MARK = """
            UPDATE customer SET recent_purchase_mark = (
              SELECT p.purchased_at FROM purchase p WHERE p.customer_id = customer.id
              ORDER BY p.purchased_at DESC LIMIT 1 OFFSET :aRecentOffset)
            WHERE %s""";

    /**
     * Fills {@code classified} with the customers whose classification changes; {@code %s} is the
     * filter on customer (e.g. {@code id = :id}). Besides the tier and stage, it works out
     * {@code next_day}: the first shop day on which time alone may change any of them (an override's
     * end, the K-th recent purchase leaving the window, the next inactivity step, the days the
     * customer would turn dormant and churned), so that the daily sweep looks only at the customers
     * whose day has come ({@link #DUE}).
     */
    static final String CLASSIFY = """
            INSERT INTO classified (id, old_tier, old_stage, tier, tier_reason, tier_reason_args, stage, stage_args,
                                    drop_at, drop_to, drop_reason, first_time, next_day)
            SELECT id, old_tier, old_stage, tier, tier_reason, tier_reason_args, stage, stage_args, drop_at, drop_to, drop_reason,
                   CASE WHEN old_tier_since IS NULL THEN 1 ELSE 0 END, next_day
            FROM (
            SELECT id, old_tier, old_stage, old_reason, old_args, old_drop_at, old_drop_to, old_tier_since, old_stage_since,
              old_next_day,
              min(COALESCE(CASE WHEN override IS NOT NULL AND override_until IS NOT NULL
                                THEN (override_until + :offset) / 86400 END, 99999999),
                  COALESCE(CASE WHEN mark >= :windowStart THEN (mark + :offset) / 86400 + :windowDays END, 99999999),
                  visit_day + (steps + 1) * :downgradeDays,
                  CASE WHEN purchases > 0 AND :today - alive_day < :dormantDays THEN alive_day + :dormantDays ELSE 99999999 END,
                  CASE WHEN purchases > 0 AND :today - purchase_day < :churnDays THEN purchase_day + :churnDays ELSE 99999999 END)
                AS next_day,
              CASE WHEN override IS NOT NULL THEN override ELSE substr('CBA', auto_rank, 1) END AS tier,
              CASE WHEN override IS NOT NULL THEN override ELSE substr('CBA', auto_rank, 1) END,
              CASE WHEN override IS NOT NULL THEN 'override'
                   WHEN steps > 0 AND rule_rank > 1 THEN 'downgraded'
                   WHEN rule_rank = 3 AND points >= :aPoints THEN 'points'
                   WHEN rule_rank = 3 THEN 'recent'
                   WHEN rule_rank = 2 THEN 'repeat'
                   WHEN purchases = 1 THEN 'once'
                   ELSE 'none' END AS tier_reason,
              CASE WHEN override IS NOT NULL
                     THEN COALESCE(override_by, '') || char(31) || COALESCE(override_reason, '') || char(31) || COALESCE(CAST(override_until AS TEXT), '')
                   WHEN steps > 0 AND rule_rank > 1
                     THEN substr('CBA', rule_rank, 1) || char(31) || visit_day || char(31) || :downgradeDays
                   WHEN rule_rank = 3 AND points >= :aPoints THEN points || char(31) || :aPoints
                   WHEN rule_rank = 3 THEN :aRecent || char(31) || :windowDays
                   ELSE CAST(purchases AS TEXT) END AS tier_reason_args,
              stage,
              CASE WHEN stage IN ('dormant', 'churned') THEN purchase_day || char(31) || alive_day
                   ELSE CAST(purchases AS TEXT) END AS stage_args,
              CASE WHEN override IS NOT NULL AND override_until IS NOT NULL AND auto_rank < instr('CBA', override) THEN override_until
                   WHEN override IS NOT NULL THEN NULL
                   WHEN window_drop_day IS NOT NULL AND (idle_drop_day IS NULL OR window_drop_day <= idle_drop_day)
                     THEN window_drop_day * 86400 - :offset
                   WHEN idle_drop_day IS NOT NULL THEN idle_drop_day * 86400 - :offset END AS drop_at,
              CASE WHEN override IS NOT NULL AND override_until IS NOT NULL AND auto_rank < instr('CBA', override)
                     THEN substr('CBA', auto_rank, 1)
                   WHEN override IS NOT NULL THEN NULL
                   WHEN window_drop_day IS NOT NULL AND (idle_drop_day IS NULL OR window_drop_day <= idle_drop_day)
                     THEN CASE WHEN purchases >= :bPurchases THEN 'B' ELSE 'C' END
                   WHEN idle_drop_day IS NOT NULL THEN substr('CBA', auto_rank - 1, 1) END AS drop_to,
              CASE WHEN override IS NOT NULL AND override_until IS NOT NULL AND auto_rank < instr('CBA', override) THEN 'override_expires'
                   WHEN override IS NOT NULL THEN NULL
                   WHEN window_drop_day IS NOT NULL AND (idle_drop_day IS NULL OR window_drop_day <= idle_drop_day) THEN 'window'
                   WHEN idle_drop_day IS NOT NULL THEN 'inactivity' END AS drop_reason
            FROM (
              SELECT k.*,
                CASE WHEN override IS NULL AND auto_rank > 1 THEN visit_day + (steps + 1) * :downgradeDays END AS idle_drop_day,
                CASE WHEN override IS NULL AND rule_rank = 3 AND points < :aPoints AND steps = 0
                     THEN (mark + :offset) / 86400 + :windowDays END AS window_drop_day
              FROM (
                SELECT r.*, max(1, rule_rank - steps) AS auto_rank,
                  CASE WHEN purchases = 0 THEN 'potential'
                       WHEN :today - purchase_day >= :churnDays THEN 'churned'
                       WHEN :today - alive_day >= :dormantDays THEN 'dormant'
                       WHEN purchases >= :loyalMin THEN 'loyal'
                       WHEN purchases >= 2 THEN 'repeat'
                       ELSE 'new' END AS stage
                FROM (
                  SELECT b.*,
                    CASE WHEN points >= :aPoints OR mark >= :windowStart THEN 3
                         WHEN purchases >= :bPurchases THEN 2 ELSE 1 END AS rule_rank,
                    (:today - visit_day) / :downgradeDays AS steps
                  FROM (
                    SELECT c.id, c.tier AS old_tier, c.stage AS old_stage, c.tier_reason AS old_reason,
                      c.tier_reason_args AS old_args, c.tier_drop_at AS old_drop_at, c.tier_drop_to AS old_drop_to,
                      c.tier_since AS old_tier_since, c.stage_since AS old_stage_since, c.classify_day AS old_next_day,
                      c.points_balance AS points,
                      c.recent_purchase_mark AS mark,
                      c.purchase_count AS purchases,
                      (c.last_purchase_at + :offset) / 86400 AS purchase_day,
                      CASE WHEN c.last_purchase_at IS NULL AND c.last_visit_at IS NULL
                           THEN (c.created_at + :offset) / 86400
                           ELSE max(COALESCE((c.last_purchase_at + :offset) / 86400, 0),
                                    COALESCE((c.last_visit_at + :offset) / 86400, 0)) END AS visit_day,
                      max(COALESCE((c.last_purchase_at + :offset) / 86400, 0),
                          CASE WHEN :groupCounts = 1 THEN COALESCE((c.last_group_activity_at + :offset) / 86400, 0)
                               ELSE 0 END) AS alive_day,
                      CASE WHEN c.tier_override IS NOT NULL AND (c.tier_override_until IS NULL OR c.tier_override_until > :now)
                           THEN c.tier_override END AS override,
                      c.tier_override_by AS override_by, c.tier_override_reason AS override_reason,
                      c.tier_override_until AS override_until
                    FROM customer c
                    WHERE %s
                  ) b
                ) r
              ) k
            ) f
            ) changed
            WHERE tier IS NOT old_tier OR stage IS NOT old_stage OR tier_reason IS NOT old_reason
               OR tier_reason_args IS NOT old_args OR drop_at IS NOT old_drop_at OR drop_to IS NOT old_drop_to
               OR old_tier_since IS NULL OR old_stage_since IS NULL OR next_day IS NOT old_next_day""";

    /** A customer's first classification is where their history starts, not a change: it is not recorded. */
    static final String RECORD_TIER_CHANGES = """
            INSERT INTO classification_change (customer_id, kind, from_value, to_value, changed_at, reason, reason_args)
            SELECT id, 'tier', old_tier, tier, :now, tier_reason, tier_reason_args FROM classified
            WHERE tier <> old_tier AND first_time = 0""";

    static final String RECORD_STAGE_CHANGES = """
            INSERT INTO classification_change (customer_id, kind, from_value, to_value, changed_at, reason, reason_args)
            SELECT id, 'stage', old_stage, stage, :now, stage, stage_args FROM classified
            WHERE stage <> old_stage AND first_time = 0""";

    static final String APPLY = """
            UPDATE customer SET
              tier = k.tier, tier_reason = k.tier_reason, tier_reason_args = k.tier_reason_args,
              tier_since = CASE WHEN customer.tier <> k.tier OR customer.tier_since IS NULL THEN :now ELSE customer.tier_since END,
              stage = k.stage,
              stage_since = CASE WHEN customer.stage <> k.stage OR customer.stage_since IS NULL THEN :now ELSE customer.stage_since END,
              tier_drop_at = k.drop_at, tier_drop_to = k.drop_to, tier_drop_reason = k.drop_reason, classify_day = k.next_day
            FROM classified k
            WHERE k.id = customer.id AND customer.id IN (SELECT id FROM classified)""";

    static final String EXPIRED_OVERRIDES_LOG = """
            INSERT INTO classification_change (customer_id, kind, from_value, to_value, changed_at, reason, reason_args)
            SELECT id, 'override', tier_override, NULL, :now, 'override_expired',
                   COALESCE(tier_override_by, '') || char(31) || COALESCE(tier_override_reason, '')
            FROM customer WHERE tier_override_until <= :now AND %s""";

    static final String EXPIRED_OVERRIDES_CLEAR = """
            UPDATE customer SET tier_override = NULL, tier_override_by = NULL, tier_override_reason = NULL,
                                tier_override_until = NULL
            WHERE tier_override_until <= :now AND %s""";
}
