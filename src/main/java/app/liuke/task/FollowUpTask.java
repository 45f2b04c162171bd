package app.liuke.task;

import java.time.Instant;

/** Work for a staff member about one customer; {@code staffId} null means it is for the managers. */
public record FollowUpTask(long id, long customerId, String kind, Long staffId, String detail, Long surveyResponseId,
                           Instant createdAt, Instant closedAt, String closedByName) {
    public boolean closed() {
        return closedAt != null;
    }
}
