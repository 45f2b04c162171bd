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
 * again at opt-out, quiet hours and staleness. Replies to a customer's own action pass untouched.
 * Stateless and thread-safe.
 */
public final class ContactPolicy implements SendGate {
    private final ContactRules rules;
    private final QuietHours quiet;

    public ContactPolicy(ContactRules rules, ZoneId zone) {
        this.rules = rules;
        this.quiet = new QuietHours(rules.quietFrom(), rules.quietTo(), zone);
    }

    public ContactRules rules() {
        return rules;
    }

    /** What the planner knows about one customer when it asks (read in one query for the whole audience). */
    public record Facts(long customerId, String name, Tier tier, boolean optedOut, ChatRef chat, boolean hasIdentity,
                        long recentMarketing, long slotTaken, String slotTakenBy, long slotLowerPending, Long lastSurveyAt) {
    }

    public sealed interface Decision permits Send, Skip {
    }

    /** Send at {@code notBefore}; {@code deferred} says why not now (null: now); {@code outranks}: cancel lower rows of the day. */
    public record Send(ChatRef chat, Instant notBefore, String deferred, boolean outranks) implements Decision {
    }

    public record Skip(String reason) implements Decision {
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
        if (row.purpose().equals("reply")) {
            return new Pass();
        }
        if (row.expiresAt() != null && row.expiresAt() < now.getEpochSecond()) {
            return new SendGate.Skip("stale");
        }
        if (row.customerId() != null && handle.queryLong("SELECT opted_out FROM customer WHERE id = :id", "id", row.customerId()) != 0) {
            return new SendGate.Skip("opted-out");
        }
        if (quiet.quiet(now)) {
            return new Defer(quiet.nextAllowed(now), "quiet-hours");
        }
        return new Pass();
    }
}
