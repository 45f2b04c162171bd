package app.liuke.campaign;

import app.liuke.channel.Outbound;
import app.liuke.offer.Offers;
import app.liuke.outbox.ContactRows;
import app.liuke.outbox.Outbox;
import app.liuke.store.Database;
import app.liuke.store.Handle;
import app.liuke.survey.SurveyEngine;
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
 * ({@link PlanningPage}; the next page is read while this one is written, {@link AudiencePages}),
 * asks the policy, and writes each decision to the outbox in the page's transaction: a pending row
 * (with the personal gift code and survey it carries) or a skipped row with the reason, all of a
 * page's rows together at its end ({@link ContactRows}). A preview runs the
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
    private final PlanningPage pages;

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
        this.pages = new PlanningPage(policy);
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
        try (var audience = new AudiencePages(database, pages, campaign, day, slot, preview, PAGE)) {
            for (var rows = audience.next(); rows != null; rows = audience.next()) {
                var page = rows;
                Database.Work<Void> pageWork = handle -> {
                    var writes = new Writes(new ContactRows(), new ArrayList<>());
                    for (PlanningPage.Row row : page) {
                        decide(handle, campaign, row, day, slot, tally, preview ? null : writes);
                    }
                    if (!preview) {
                        write(handle, campaign, writes, tally, day.now());
                    }
                    return null;
                };
                // A preview only reads, so it may run while the caller is inside a chat's transaction.
                if (preview) {
                    database.read(pageWork);
                } else {
                    database.transaction(pageWork);
                }
            }
        }
        return new RunReport(campaign.name(), preview, tally.queued, tally.deferred, tally.skipped, tally.already, tally.lines);
    }


    /** Decides one target; {@code writes} is null for a preview, which writes nothing. */
    private void decide(Handle handle, Campaign campaign, PlanningPage.Row row, CampaignDay day, long slot, Tally tally, Writes writes) {
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

    private void line(Tally tally, PlanningPage.Row row, String decision, String reason, String text) {
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
