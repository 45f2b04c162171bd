package app.liuke.campaign;

import app.liuke.channel.ChatRef;
import app.liuke.outbox.OutboxRow;
import app.liuke.outbox.SendGate;
import app.liuke.store.Handle;
import app.liuke.tier.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The one contact-policy gate. At planning it decides per customer: opted out, unreachable, over the
 * tier's cap for marketing, inside the survey cooldown, or outranked in the day's slot are skipped
 * with their reason; quiet hours defer to the next allowed time. At sending ({@link #check}) it looks
 * again at opt-out, quiet hours and staleness, for a leased batch at once ({@link #checkAll}). Replies to a customer's own action pass untouched.
 * Stateless and thread-safe.
 */
public final class ContactPolicy implements SendGate {
    /** Longer than any campaign message may wait: {@code expireHours} is at most 14 days, then it is stale. */
    private static final Duration MAX_WAIT = Duration.ofDays(15);
    private final ContactRules rules;
    private final QuietHours quiet;
    private final CampaignTemplates templates;
    private final int wecomMonthlyCap;
    private final ZoneId zone;
    private final app.liuke.channel.wechat.ReplyWindows windows = new app.liuke.channel.wechat.ReplyWindows();

    public ContactPolicy(ContactRules rules, ZoneId zone) {
        this(rules, zone, CampaignTemplates.none(), 4);
    }

    /**
     * {@code templates}: the campaigns that can still reach a WeChat follower whose reply window is shut;
     * {@code wecomMonthlyCap}: WeCom's mass messages per customer per month ({@code wecom.monthlyCap}).
     */
    public ContactPolicy(ContactRules rules, ZoneId zone, CampaignTemplates templates, int wecomMonthlyCap) {
        this.rules = rules;
        this.quiet = new QuietHours(rules.quietFrom(), rules.quietTo(), zone);
        this.templates = templates;
        this.wecomMonthlyCap = wecomMonthlyCap;
        this.zone = zone;
    }

    /** The start of the shop's calendar month of {@code now}: WeCom's cap counts per month. */
    public Instant monthStart(Instant now) {
        return now.atZone(zone).toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
    }

    public CampaignTemplates templates() {
        return templates;
    }

    public ContactRules rules() {
        return rules;
    }

    /**
     * What the planner knows about one customer when it asks (read in one query for the whole audience).
     * {@code windowOpen}: for a WeChat chat, whether its reply window still takes a free message;
     * {@code wecomThisMonth}: WeCom mass messages queued or sent to the customer this month.
     */
    public record Facts(long customerId, String name, Tier tier, boolean optedOut, ChatRef chat, boolean hasIdentity,
                        long recentMarketing, long slotTaken, String slotTakenBy, long slotLowerPending, Long lastSurveyAt,
                        boolean windowOpen, long wecomThisMonth) {
    }

    public sealed interface Decision permits Send, Skip {
    }

    /** Send at {@code notBefore}; {@code deferred} says why not now (null: now); {@code outranks}: cancel lower rows of the day. */
    public record Send(ChatRef chat, Instant notBefore, String deferred, boolean outranks) implements Decision {
    }

    public record Skip(String reason) implements Decision {
    }

    /** When a message planned at {@code now} can go out: now, or the end of the quiet hours it falls in. */
    public Instant sendsAt(Instant now) {
        return quiet.nextAllowed(now);
    }

    /** The start of the rolling cap window for {@code tier}. */
    public Instant capSince(Tier tier, Instant now) {
        return now.minus(Duration.ofDays(rules.cap(tier).days()));
    }

    public Decision plan(Facts facts, CampaignSettings campaign, boolean sendsSurvey, Instant now) {
        if (facts.optedOut()) {
            return new Skip("opted-out");
        }
        if (facts.chat() == null) {
            return new Skip(facts.hasIdentity() ? "unreachable" : "no-chat");
        }
        if (noWindow(facts.chat(), facts.windowOpen(), templates.has(campaign.name()))) {
            return new Skip("no-window");
        }
        if (facts.chat().channel().equals("wecom") && facts.wecomThisMonth() >= wecomMonthlyCap) {
            return new Skip("wecom-cap:" + wecomMonthlyCap + "/month");
        }
        if (campaign.purpose() == CampaignSettings.Purpose.MARKETING) {
            var cap = rules.cap(facts.tier());
            if (facts.recentMarketing() >= cap.messages()) {
                return new Skip("cap:" + facts.tier() + " " + cap.messages() + "/" + cap.days() + "d");
            }
        }
        if (sendsSurvey && facts.lastSurveyAt() != null
                && facts.lastSurveyAt() > now.minus(Duration.ofDays(rules.surveyCooldownDays())).getEpochSecond()) {
            return new Skip("survey-cooldown");
        }
        if (facts.slotTaken() >= rules.maxPerDay()) {
            return new Skip("slot-taken:" + facts.slotTakenBy());
        }
        Instant at = quiet.nextAllowed(now);
        return new Send(facts.chat(), at, at.equals(now) ? null : "quiet-hours", facts.slotLowerPending() > 0);
    }

    @Override
    public Verdict check(Handle handle, OutboxRow row, Instant now) {
        return checkAll(handle, java.util.List.of(row), now).get(0);
    }

    /** The batch's customers are looked up together ({@link GateFacts}); the rest is asked per row. */
    @Override
    public java.util.List<Verdict> checkAll(Handle handle, java.util.List<OutboxRow> rows, Instant now) {
        int longest = java.util.Arrays.stream(Tier.values()).mapToInt(tier -> rules.cap(tier).days()).max().orElse(0);
        Instant since = now.minus(Duration.ofDays(longest));
        var facts = GateFacts.read(handle, rows, since, since.minus(MAX_WAIT));
        return rows.stream().map(row -> check(handle, row, now, facts)).toList();
    }

    private Verdict check(Handle handle, OutboxRow row, Instant now, GateFacts facts) {
        if (row.purpose().equals("reply")) {
            return new Pass();
        }
        if (row.expiresAt() != null && row.expiresAt() < now.getEpochSecond()) {
            return new SendGate.Skip("stale");
        }
        var customer = row.customerId() == null ? null : facts.customer(row.customerId());
        if (customer != null && customer.optedOut()) {
            return new SendGate.Skip("opted-out");
        }
        if (customer != null && overCap(row, customer.tier(), now, facts)) {
            var cap = rules.cap(customer.tier());
            return new SendGate.Skip("cap:" + customer.tier() + " " + cap.messages() + "/" + cap.days() + "d");
        }
        if (row.channel().equals(app.liuke.channel.wechat.WechatUpdates.CHANNEL)
                && row.message() instanceof app.liuke.channel.Outbound.SendText text
                && noWindow(text.chat(), windows.open(handle, text.chat().chatId(), now), text.template() != null)) {
            return new SendGate.Skip("no-window");
        }
        if (row.channel().equals("wecom") && row.customerId() != null && row.message() instanceof app.liuke.channel.Outbound.SendText
                && handle.queryLong("""
                        SELECT count(*) FROM outbox WHERE customer_id = :customer AND channel = 'wecom' AND status = 'sent'
                          AND campaign IS NOT NULL AND status IN ('pending', 'sent') AND sent_at >= :month AND created_at >= :createdSince""", "customer", row.customerId(),
                        "month", monthStart(now).getEpochSecond(),
                        "createdSince", monthStart(now).minus(MAX_WAIT).getEpochSecond()) >= wecomMonthlyCap) {
            return new SendGate.Skip("wecom-cap:" + wecomMonthlyCap + "/month");
        }
        if (quiet.quiet(now)) {
            return new Defer(quiet.nextAllowed(now), "quiet-hours");
        }
        return new Pass();
    }

    /**
     * A marketing contact waiting for the morning is counted again as it leaves, against the tier the
     * customer has now: the night's sweep may have moved them down (B to C, whose cap is 0), or another
     * marketing message may have gone out since it was planned. Found by {@code liuke simulate}.
     * A message goes out within its campaign's expireHours or not at all, so older rows cannot be in the window.
     */
    private boolean overCap(OutboxRow row, Tier tier, Instant now, GateFacts facts) {
        if (!row.purpose().equals(CampaignSettings.Purpose.MARKETING.key()) || row.key().contains("#")) {
            return false;                                     // the rest of a contact goes with its first message
        }
        var cap = rules.cap(tier);
        Instant since = now.minus(Duration.ofDays(cap.days()));
        return cap.messages() == 0 || facts.sentMarketing(row.customerId(), since, since.minus(MAX_WAIT), row.id()) >= cap.messages();
    }

    /** A WeChat follower whose reply window is shut can be reached only by a template message. */
    private static boolean noWindow(ChatRef chat, boolean windowOpen, boolean hasTemplate) {
        return chat.channel().equals(app.liuke.channel.wechat.WechatUpdates.CHANNEL) && !windowOpen && !hasTemplate;
    }
}
