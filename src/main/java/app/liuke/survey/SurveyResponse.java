package app.liuke.survey;

import app.liuke.channel.ChatRef;
import java.time.Instant;

/**
 * One customer's run through one occurrence of a survey: where it is asked, in which language, at
 * which question, and the store and staff member it counts for in the results. Immutable snapshot.
 */
public record SurveyResponse(long id, String survey, String occurrence, long customerId, ChatRef chat, String language,
                             String status, int question, String store, Long staffId, Instant invitedAt,
                             Instant expiresAt, Instant remindedAt) {
    public boolean open(Instant now) {
        return status.equals("open") && now.isBefore(expiresAt);
    }
}
