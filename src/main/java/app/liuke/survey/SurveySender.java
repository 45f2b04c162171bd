package app.liuke.survey;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.outbox.Outbox;
import app.liuke.shared.InvalidInput;
import app.liuke.shared.NotFound;
import app.liuke.store.Database;
import app.liuke.store.RowMapper;
import java.time.Clock;
import java.util.List;

/**
 * Surveys the shop starts (through the API now, through campaigns later) and the survey clock
 * (lapses and the one reminder). The decision and its messages are written to the outbox in one
 * transaction, so a survey is never half-sent. Thread-safe.
 */
public final class SurveySender {
    private final Database database;
    private final Outbox outbox;
    private final SurveyEngine engine;
    private final String shopLanguage;
    private final Runnable wake;
    private final Clock clock;

    public SurveySender(Database database, Outbox outbox, SurveyEngine engine, String shopLanguage, Runnable wake, Clock clock) {
        this.database = database;
        this.outbox = outbox;
        this.engine = engine;
        this.shopLanguage = shopLanguage;
        this.wake = wake;
        this.clock = clock;
    }

    public SurveyEngine engine() {
        return engine;
    }

    private record Target(ChatRef chat, String store, Long staffId) {
    }

    /**
     * Sends survey {@code surveyId} to a customer for {@code occurrence}, in the chat they last used,
     * unless they opted out, were asked within the cooldown, or already had this occurrence.
     */
    public SurveyEngine.Started send(String surveyId, long customerId, String occurrence) {
        if (engine.survey(surveyId).isEmpty()) {
            throw new NotFound("survey", "error.survey.notFound", surveyId);
        }
        var started = database.transaction(handle -> {
            var now = clock.instant();
            Target target = handle.queryOne("""
                    SELECT i.channel, i.external_id, c.store, c.owner_staff_id FROM customer c
                    JOIN channel_identity i ON i.customer_id = c.id
                    WHERE c.id = :id AND i.unreachable_at IS NULL AND i.channel IN ('telegram', 'wechat', 'web')
                    ORDER BY CASE i.channel WHEN 'telegram' THEN 0 WHEN 'wechat' THEN 1 ELSE 2 END, i.created_at DESC LIMIT 1""",
                    row -> new Target(ChatRef.privateChat(row.getString(1), row.getString(2)), row.getString(3),
                            RowMapper.longOrNull(row, 4)), "id", customerId).orElse(null);
            if (target == null) {
                if (handle.queryLong("SELECT count(*) FROM customer WHERE id = :id", "id", customerId) == 0) {
                    throw new NotFound("customerId", "error.customer.notFound", customerId);
                }
                throw new InvalidInput("customerId", "error.survey.noChat", customerId);
            }
            var result = engine.start(handle, new SurveyEngine.Invitation(surveyId, occurrence, customerId, target.chat(),
                    shopLanguage, target.store(), target.staffId(), true), now);
            enqueue(handle, result.messages(), "survey:" + result.responseId() + ":invite", now);
            return result;
        });
        wake.run();
        return started;
    }

    /** Closes lapsed surveys (raising low scores) and sends due reminders. */
    public int tick() {
        int sent = database.transaction(handle -> {
            var now = clock.instant();
            var ticked = engine.tick(handle, now);
            enqueue(handle, ticked.staff(), "survey-tick:" + java.util.UUID.randomUUID(), now);
            for (var reminder : ticked.reminders()) {
                outbox.enqueueCare(handle, reminder.message(), "survey-reminder:" + java.util.UUID.randomUUID(), reminder.customerId(),
                        now, reminder.until());
            }
            return ticked.staff().size() + ticked.reminders().size();
        });
        if (sent > 0) {
            wake.run();
        }
        return sent;
    }

    private void enqueue(app.liuke.store.Handle handle, List<Outbound> messages, String key, java.time.Instant now) {
        for (int i = 0; i < messages.size(); i++) {
            outbox.enqueue(handle, messages.get(i), key + ":" + i, null, now);
        }
    }
}
