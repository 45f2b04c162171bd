package app.liuke.survey;

import app.liuke.channel.ChatRef;
import app.liuke.store.Handle;
import app.liuke.store.RowMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Survey progress on disk, so it survives restarts: responses and their answers. Moving to the next
 * question is a conditional update from the current one, so a button pressed twice (or delivered
 * twice) counts once. Stateless; runs in the caller's transaction.
 */
public final class SurveyResponses {
    /** One stored answer; a skipped question has none of score, choice and text. */
    public record Answer(String question, String kind, Integer score, String choice, String text) {
    }

    public Optional<SurveyResponse> find(Handle handle, long id) {
        return handle.queryOne("SELECT * FROM survey_response WHERE id = :id", SurveyResponses::map, "id", id);
    }

    /** The customer's latest response still open (possibly past its time; the caller checks). */
    public Optional<SurveyResponse> latestOpen(Handle handle, long customerId) {
        return handle.queryOne("SELECT * FROM survey_response WHERE customer_id = :customer AND status = 'open'"
                + " ORDER BY invited_at DESC, id DESC LIMIT 1", SurveyResponses::map, "customer", customerId);
    }

    public boolean exists(Handle handle, String survey, String occurrence, long customerId) {
        return handle.queryLong("SELECT count(*) FROM survey_response WHERE survey = :survey AND occurrence = :occurrence"
                + " AND customer_id = :customer", "survey", survey, "occurrence", occurrence, "customer", customerId) > 0;
    }

    /** Whether the customer was asked any survey after {@code since}. */
    public boolean askedSince(Handle handle, long customerId, Instant since) {
        return handle.queryLong("SELECT count(*) FROM survey_response WHERE customer_id = :customer AND invited_at > :since",
                "customer", customerId, "since", since.getEpochSecond()) > 0;
    }

    public long create(Handle handle, String survey, String occurrence, long customerId, ChatRef chat, String language,
                       String store, Long staffId, Instant now, Instant expires) {
        return handle.insert("""
                INSERT INTO survey_response (survey, occurrence, customer_id, channel, chat_id, language, store, staff_id,
                                             invited_at, updated_at, expires_at)
                VALUES (:survey, :occurrence, :customer, :channel, :chat, :language, :store, :staff, :now, :now, :expires)""",
                "survey", survey, "occurrence", occurrence, "customer", customerId, "channel", chat.channel(),
                "chat", chat.chatId(), "language", language, "store", store, "staff", staffId, "now", now.getEpochSecond(),
                "expires", expires.getEpochSecond());
    }

    /**
     * Records the answer to question {@code index} and moves on, only if the response is still at that
     * question; false means someone already answered it (a repeated press).
     */
    public boolean answer(Handle handle, long id, int index, Question question, Answer answer, Instant now) {
        int moved = handle.update("UPDATE survey_response SET question = :next, updated_at = :now"
                + " WHERE id = :id AND question = :index AND status = 'open'",
                "next", index + 1, "now", now.getEpochSecond(), "id", id, "index", index);
        if (moved == 0) {
            return false;
        }
        handle.update("""
                INSERT INTO survey_answer (response_id, question, kind, score, choice, text, answered_at)
                VALUES (:id, :question, :kind, :score, :choice, :text, :now)""",
                "id", id, "question", question.id(), "kind", question.kind().name().toLowerCase(java.util.Locale.ROOT),
                "score", answer.score(), "choice", answer.choice(), "text", answer.text(), "now", now.getEpochSecond());
        return true;
    }

    public void finish(Handle handle, long id, String status, Instant now) {
        handle.update("UPDATE survey_response SET status = :status, finished_at = :now, updated_at = :now"
                + " WHERE id = :id AND status = 'open'", "status", status, "now", now.getEpochSecond(), "id", id);
    }

    public void reminded(Handle handle, long id, Instant now) {
        handle.update("UPDATE survey_response SET reminded_at = :now WHERE id = :id", "now", now.getEpochSecond(), "id", id);
    }

    public List<Answer> answers(Handle handle, long id) {
        return handle.query("SELECT question, kind, score, choice, text FROM survey_answer WHERE response_id = :id"
                + " ORDER BY answered_at, rowid", row -> new Answer(row.getString(1), row.getString(2),
                RowMapper.intOrNull(row, 3), row.getString(4), row.getString(5)), "id", id);
    }

    /** Open responses whose time is up. */
    public List<SurveyResponse> lapsed(Handle handle, Instant now, int limit) {
        return handle.query("SELECT * FROM survey_response WHERE status = 'open' AND expires_at <= :now ORDER BY expires_at"
                + " LIMIT :limit", SurveyResponses::map, "now", now.getEpochSecond(), "limit", limit);
    }

    /** Open responses invited before {@code invitedBefore} and never reminded. */
    public List<SurveyResponse> unreminded(Handle handle, Instant invitedBefore, Instant now, int limit) {
        return handle.query("SELECT * FROM survey_response WHERE status = 'open' AND reminded_at IS NULL"
                + " AND invited_at <= :before AND expires_at > :now ORDER BY invited_at LIMIT :limit", SurveyResponses::map,
                "before", invitedBefore.getEpochSecond(), "now", now.getEpochSecond(), "limit", limit);
    }

    private static SurveyResponse map(ResultSet row) throws SQLException {
        long staff = row.getLong("staff_id");
        Long staffId = row.wasNull() ? null : staff;
        long reminded = row.getLong("reminded_at");
        Instant remindedAt = row.wasNull() ? null : Instant.ofEpochSecond(reminded);
        String channel = row.getString("channel");
        return new SurveyResponse(row.getLong("id"), row.getString("survey"), row.getString("occurrence"),
                row.getLong("customer_id"), ChatRef.privateChat(channel, row.getString("chat_id")), row.getString("language"),
                row.getString("status"), row.getInt("question"), row.getString("store"), staffId,
                Instant.ofEpochSecond(row.getLong("invited_at")), Instant.ofEpochSecond(row.getLong("expires_at")), remindedAt);
    }
}
