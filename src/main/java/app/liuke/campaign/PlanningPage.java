package app.liuke.campaign;

import app.liuke.channel.ChatRef;
import app.liuke.store.Handle;
import app.liuke.store.RowMapper;
import app.liuke.tier.Tier;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a campaign's audience with the facts the {@link ContactPolicy} needs, in one query: the
 * page of the audience is cut first, then only its rows get the facts, so PostgreSQL does not work
 * them out for the whole audience before the LIMIT. Stateless.
 */
final class PlanningPage {
    private static final String RECENT_MARKETING = """
            (SELECT count(*) FROM outbox o WHERE o.customer_id = a.customer_id AND o.campaign IS NOT NULL
              AND o.status IN ('pending', 'sent') AND o.slot_day IS NOT NULL AND o.purpose = 'marketing'
              AND o.created_at >= CASE c.tier WHEN 'A' THEN :pCapA WHEN 'B' THEN :pCapB ELSE :pCapC END)""";
    private static final String LAST_SURVEY = "(SELECT max(s.invited_at) FROM survey_response s WHERE s.customer_id = a.customer_id)";

    private final ContactPolicy policy;

    PlanningPage(ContactPolicy policy) {
        this.policy = policy;
    }

    record Row(Target target, ContactPolicy.Facts facts, boolean done, String store, Long staffId) {
    }

    /*
     * Two shapes here are for PostgreSQL's planner (issue #18): the page starts at "customer_id >= after",
     * which an index can seek to (the OR alone was a filter, so each page scanned the audience from its
     * start); and "is there a row" is a scalar subquery with LIMIT 1, not EXISTS, which PostgreSQL turned
     * into one scan of the whole outbox per page to hash it. The customer join repeats the page's start,
     * so that a merge join seeks to it too instead of reading the customers from the first.
     */
    List<Row> read(Handle handle, Campaign campaign, CampaignDay day, long slot, long after, String afterOccurrence, int limit) {
        var audience = campaign.audience(day);
        var settings = campaign.settings();
        var params = new ArrayList<>(List.of(audience.params()));
        // Only marketing counts against the tier's cap, and only a survey has a cooldown: other campaigns skip those lookups.
        boolean marketing = settings.purpose() == CampaignSettings.Purpose.MARKETING;
        params.addAll(List.of("pAfter", after, "pAfterOcc", afterOccurrence, "pDay", slot, "pPriority", settings.priority(),
                // A row of the slot's day was planned that day or the evening before (and waited for the morning):
                // bounding created_at lets the index skip the customer's older contacts.
                "pSlotFrom", day.start(java.time.LocalDate.ofEpochDay(slot - 1)),
                "pNow", day.now().getEpochSecond(),
                "pKey", "campaign:" + campaign.name() + ":", "pLimit", limit,

                "pCapA", policy.capSince(Tier.A, day.now()).getEpochSecond(),
                "pCapB", policy.capSince(Tier.B, day.now()).getEpochSecond(),
                "pCapC", policy.capSince(Tier.C, day.now()).getEpochSecond()));
        String sql = ("""
                SELECT a.*, c.name AS c_name, c.tier AS c_tier, c.opted_out AS c_opted_out, c.store AS c_store,
                       c.owner_staff_id AS c_staff,
                       (SELECT i.channel || char(31) || i.external_id FROM channel_identity i
                         WHERE i.customer_id = a.customer_id AND i.unreachable_at IS NULL
                           AND i.channel IN ('telegram', 'wechat', 'wecom', 'web')
                         ORDER BY CASE i.channel WHEN 'telegram' THEN 0 WHEN 'wechat' THEN 1 WHEN 'wecom' THEN 2 ELSE 3 END, i.created_at DESC
                         LIMIT 1) AS c_chat,
                       (SELECT 1 FROM channel_identity i WHERE i.customer_id = a.customer_id LIMIT 1) IS NOT NULL AS c_known,
                       (SELECT 1 FROM outbox o WHERE o.idempotency_key = :pKey || a.customer_id || ':' || a.occurrence LIMIT 1)
                         IS NOT NULL AS c_done,
                       {recent} AS c_recent,
                       (SELECT count(*) FROM outbox o WHERE o.customer_id = a.customer_id AND o.campaign IS NOT NULL
                         AND o.status IN ('pending', 'sent')
                         AND o.created_at >= :pSlotFrom AND o.slot_day = :pDay AND (o.status = 'sent' OR (o.status = 'pending'
                           AND (o.priority >= :pPriority OR o.lease_until >= :pNow)))) AS c_slot,
                       (SELECT o.campaign FROM outbox o WHERE o.customer_id = a.customer_id AND o.campaign IS NOT NULL
                         AND o.created_at >= :pSlotFrom AND o.slot_day = :pDay AND o.status IN ('pending', 'sent')
                         ORDER BY o.priority DESC LIMIT 1) AS c_slot_by,
                       (SELECT count(*) FROM outbox o WHERE o.customer_id = a.customer_id AND o.campaign IS NOT NULL
                         AND o.status IN ('pending', 'sent')
                         AND o.created_at >= :pSlotFrom AND o.slot_day = :pDay AND o.status = 'pending' AND o.priority < :pPriority
                         AND (o.lease_until IS NULL OR o.lease_until < :pNow)) AS c_lower,
                       {survey} AS c_survey
                FROM (SELECT * FROM (""" + audience.sql() + """
                      ) audience WHERE customer_id >= :pAfter AND (customer_id > :pAfter OR (customer_id = :pAfter AND occurrence > :pAfterOcc))
                      ORDER BY customer_id, occurrence LIMIT :pLimit
                ) a JOIN customer c ON c.id = a.customer_id AND c.id >= :pAfter
                ORDER BY a.customer_id, a.occurrence""").replace("{recent}", marketing ? RECENT_MARKETING : "0")
                .replace("{survey}", campaign.startsSurveys() ? LAST_SURVEY : "NULL");
        List<Row> rows = handle.query(sql, row -> {
            String chat = row.getString("c_chat");
            ChatRef ref = chat == null ? null : ChatRef.privateChat(chat.substring(0, chat.indexOf('\u001f')),
                    chat.substring(chat.indexOf('\u001f') + 1));
            var facts = new ContactPolicy.Facts(row.getLong("customer_id"), row.getString("c_name"), Tier.valueOf(row.getString("c_tier")),
                    row.getInt("c_opted_out") != 0, ref, row.getInt("c_known") != 0, row.getLong("c_recent"), row.getLong("c_slot"),
                    row.getString("c_slot_by"), row.getLong("c_lower"), RowMapper.longOrNull(row, "c_survey"),
                    false, 0);
            return new Row(campaign.target(row, day), facts, row.getInt("c_done") != 0, row.getString("c_store"),
                    RowMapper.longOrNull(row, "c_staff"));
        }, params.toArray());
        return rows.stream().map(row -> channelFacts(handle, row, day)).toList();
    }

    /**
     * What only some channels need, asked only for those customers: a WeChat chat's reply window, and
     * the WeCom mass messages the customer already has this month.
     */
    private Row channelFacts(Handle handle, Row row, CampaignDay day) {
        var facts = row.facts();
        if (facts.chat() == null || !(facts.chat().channel().equals("wechat") || facts.chat().channel().equals("wecom"))) {
            return row;
        }
        boolean windowOpen = facts.chat().channel().equals("wechat")
                && new app.liuke.channel.wechat.ReplyWindows().open(handle, facts.chat().chatId(), day.now());
        long wecomThisMonth = !facts.chat().channel().equals("wecom") ? 0 : handle.queryLong("""
                SELECT count(*) FROM outbox WHERE customer_id = :customer AND channel = 'wecom' AND campaign IS NOT NULL
                  AND status IN ('pending', 'sent') AND created_at >= :month""", "customer", facts.customerId(),
                "month", policy.monthStart(day.now()).getEpochSecond());
        var withChannel = new ContactPolicy.Facts(facts.customerId(), facts.name(), facts.tier(), facts.optedOut(), facts.chat(),
                facts.hasIdentity(), facts.recentMarketing(), facts.slotTaken(), facts.slotTakenBy(), facts.slotLowerPending(),
                facts.lastSurveyAt(), windowOpen, wecomThisMonth);
        return new Row(row.target(), withChannel, row.done(), row.store(), row.staffId());

    }
}
