package app.liuke.campaign;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.offer.Offers;
import app.liuke.outbox.ContactRows;
import app.liuke.outbox.Outbox;
import app.liuke.store.Database;
import app.liuke.store.Handle;
import app.liuke.store.RowMapper;
import app.liuke.survey.SurveyEngine;
import app.liuke.tier.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans a campaign: reads its audience page by page with the facts the {@link ContactPolicy} needs
 * (one query per page: the page of the audience is cut first, then only its rows get the facts, so
 * PostgreSQL does not work them out for the whole audience before the LIMIT), asks the policy, and writes each decision to the outbox in the page's
 * transaction: a pending row (with the personal gift code and survey it carries) or a skipped row
 * with the reason, all of a page's rows together at its end ({@link ContactRows}). A preview runs the
 * same decisions and writes nothing. Thread-safe.
 */
public final class CampaignPlanner {
    static final int PAGE = 5_000;
    private static final int PREVIEW_LINES = 200;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private final Database database;
    private final Outbox outbox;
    private final ContactPolicy policy;
    private final Offers offers;
    private final SurveyEngine surveys;
    private final CampaignTexts texts;
    private final String language;
    private final ZoneId zone;

    public CampaignPlanner(Database database, Outbox outbox, ContactPolicy policy, Offers offers, SurveyEngine surveys,
                           CampaignTexts texts, String language, ZoneId zone) {
        this.database = database;
        this.outbox = outbox;
        this.policy = policy;
        this.offers = offers;
        this.surveys = surveys;
        this.texts = texts;
        this.language = language;
        this.zone = zone;
    }

    private final class Tally {
        int queued;
        int deferred;
        int already;
        final Map<String, Integer> skipped = new TreeMap<>();
        final List<RunReport.Line> lines = new ArrayList<>();

        void skip(String reason) {
            skipped.merge(reason.replaceFirst(":.*", ""), 1, Integer::sum);
        }
    }

    public RunReport plan(Campaign campaign, Instant now, boolean preview) {
        if (!preview) {
            database.useTransaction(handle -> campaign.prepare(handle, now));
        }
        var day = CampaignDay.of(now, zone);
        // The day slot is the day the messages go out: planned after the quiet hours began, they take tomorrow's.
        long slot = CampaignDay.of(policy.sendsAt(now), zone).number();
        var tally = new Tally();
        long[] after = {-1};
        String[] afterOccurrence = {""};
        boolean more = true;
        while (more) {
            Database.Work<Boolean> pageWork = handle -> {
                if (handle.dialect() == app.liuke.store.Dialect.POSTGRES && !preview && handle.queryLong(
                        "SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE relname = 'outbox'") < 50_000) {
                    // A young outbox grows by a page at a time here, faster than autovacuum's statistics follow:
                    // believing it empty, PostgreSQL would scan all of it once per customer (docs/benchmarks.md).
                    handle.execute("ANALYZE outbox");
                }
                var rows = page(handle, campaign, day, slot, after[0], afterOccurrence[0]);
                var writes = new Writes(new ContactRows(), new ArrayList<>());
                for (Row row : rows) {
                    decide(handle, campaign, row, day, slot, tally, preview ? null : writes);
                    after[0] = row.target().customerId();
                    afterOccurrence[0] = row.target().occurrence();
                }
                if (!preview) {
                    write(handle, campaign, writes, tally, day.now());
                }
                return rows.size() == PAGE;
            };
            // A preview only reads, so it may run while the caller is inside a chat's transaction.
            more = preview ? database.read(pageWork) : database.transaction(pageWork);
        }
        return new RunReport(campaign.name(), preview, tally.queued, tally.deferred, tally.skipped, tally.already, tally.lines);
    }

    private static final String RECENT_MARKETING = """
            (SELECT count(*) FROM outbox o WHERE o.customer_id = a.customer_id AND o.campaign IS NOT NULL
              AND o.status IN ('pending', 'sent') AND o.slot_day IS NOT NULL AND o.purpose = 'marketing'
              AND o.created_at >= CASE c.tier WHEN 'A' THEN :pCapA WHEN 'B' THEN :pCapB ELSE :pCapC END)""";
    private static final String LAST_SURVEY = "(SELECT max(s.invited_at) FROM survey_response s WHERE s.customer_id = a.customer_id)";

    private record Row(Target target, ContactPolicy.Facts facts, boolean done, String store, Long staffId) {
    }

    /*
     * Two shapes here are for PostgreSQL's planner (issue #18): the page starts at "customer_id >= after",
     * which an index can seek to (the OR alone was a filter, so each page scanned the audience from its
     * start); and "is there a row" is a scalar subquery with LIMIT 1, not EXISTS, which PostgreSQL turned
     * into one scan of the whole outbox per page to hash it.
     */
    private List<Row> page(Handle handle, Campaign campaign, CampaignDay day, long slot, long after, String afterOccurrence) {
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
                "pKey", "campaign:" + campaign.name() + ":", "pLimit", PAGE,

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
                ) a JOIN customer c ON c.id = a.customer_id
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

    /** Decides one target; {@code writes} is null for a preview, which writes nothing. */
    private void decide(Handle handle, Campaign campaign, Row row, CampaignDay day, long slot, Tally tally, Writes writes) {
        boolean preview = writes == null;
        Target target = row.target();
        var settings = campaign.settings();
        if (row.done()) {
            tally.already++;
            return;
        }
        var decision = policy.plan(row.facts(), settings, target.survey() != null, day.now());
        String key = "campaign:" + campaign.name() + ":" + target.customerId() + ":" + target.occurrence();
        var contact = new Outbox.Contact(campaign.name(), target.occurrence(), settings.purpose().key(), settings.priority(),
                slot, day.now(), day.now(), null);
        if (decision instanceof ContactPolicy.Skip skip) {
            tally.skip(skip.reason());
            if (preview) {
                line(tally, row, "skip", skip.reason(), target.text());
                return;
            }
            writes.rows().skip(key, target.customerId(), withReason(contact, skip.reason(), day.now(), settings), day.now());
            campaign.planned(handle, target, false, skip.reason(), day.now());
            return;
        }
        var send = (ContactPolicy.Send) decision;
        if (preview) {
            tally.queued++;
            tally.deferred += send.deferred() == null ? 0 : 1;
            line(tally, row, "send", send.deferred() == null ? "" : send.deferred(), target.text());
            return;
        }
        if (send.outranks()) {
            outbox.outrank(handle, target.customerId(), slot, day.start(java.time.LocalDate.ofEpochDay(slot - 1)), settings.priority(),
                    campaign.name(), day.now());
        }
        var messages = new ArrayList<Outbound>();
        String text = target.text() + gift(handle, target, day.now());
        var first = new Outbound.SendText(send.chat(), text, target.buttons());
        if (send.chat().channel().equals(app.liuke.channel.wechat.WechatUpdates.CHANNEL)) {
            first = first.withTemplate(policy.templates().fill(campaign.name(), text, row.facts().name(),
                    day.now().atZone(zone).toLocalDate()).orElse(null));
        }
        messages.add(first);
        if (target.survey() != null) {
            var started = surveys.start(handle, new SurveyEngine.Invitation(target.survey(), campaign.name() + "-" + target.occurrence(),
                    target.customerId(), send.chat(), language, row.store(), row.staffId(), true), day.now());
            if (started.outcome() != SurveyEngine.Outcome.STARTED) {
                String reason = "survey-" + started.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                tally.skip(reason);
                writes.rows().skip(key, target.customerId(), withReason(contact, reason, day.now(), settings), day.now());
                campaign.planned(handle, target, false, reason, day.now());
                return;
            }
            messages.addAll(started.messages());
        }
        var planned = new Outbox.Contact(contact.campaign(), contact.occurrence(), contact.purpose(), contact.priority(),
                contact.slotDay(), send.notBefore(), send.notBefore().plus(Duration.ofHours(settings.expireHours())), send.deferred());
        writes.rows().queue(messages, key, target.customerId(), planned, day.now());
        writes.queued().add(new Queued(key, target, send.deferred() != null));
    }

    /** A page's outbox rows, and the messages among them whose keys tell whether they were new. */
    private record Writes(ContactRows rows, List<Queued> queued) {
    }

    private record Queued(String key, Target target, boolean deferred) {
    }

    /** Writes the page's rows; a message whose key was queued before counts as already planned. */
    private static void write(Handle handle, Campaign campaign, Writes writes, Tally tally, Instant now) {
        var added = writes.rows().write(handle);
        for (Queued queued : writes.queued()) {
            if (added.contains(queued.key())) {
                tally.queued++;
                tally.deferred += queued.deferred() ? 1 : 0;
                campaign.planned(handle, queued.target(), true, null, now);
            } else {
                tally.already++;
            }
        }
    }

    private static Outbox.Contact withReason(Outbox.Contact contact, String reason, Instant now, CampaignSettings settings) {
        return new Outbox.Contact(contact.campaign(), contact.occurrence(), contact.purpose(), contact.priority(), contact.slotDay(),
                now, now.plus(Duration.ofHours(settings.expireHours())), reason);
    }

    private void line(Tally tally, Row row, String decision, String reason, String text) {
        if (tally.lines.size() < PREVIEW_LINES) {
            tally.lines.add(new RunReport.Line(row.target().customerId(), row.facts().name(), decision, reason, text));
        }
    }

    /** The gift's lines under the greeting: a personal code issued now (or the one the customer already holds). */
    private String gift(Handle handle, Target target, Instant now) {
        if (target.giftOffer() == null) {
            return "";
        }
        var offer = offers.catalog().find(handle, target.giftOffer());
        if (offer.isEmpty()) {
            return "";
        }
        var claim = offers.claim(handle, offer.get(), target.customerId(), "campaign", now);
        if (!claim.given()) {
            return "";
        }
        var held = claim.held();
        String until = held.expiresAt() == null ? "" : DATE.format(held.expiresAt().atZone(zone).minusSeconds(1));
        return "\n\n" + texts.get(until.isEmpty() ? "campaign.gift" : "campaign.giftUntil", "title", held.offer().title(),
                "text", held.offer().text(), "code", held.shownCode(), "until", until);
    }
}
