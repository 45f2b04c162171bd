package app.liuke.customer;

import java.time.Instant;

/** One follow-up (回访): who contacted the customer, when, how, and what was said. */
public record FollowUp(long id, long customerId, Long staffId, String staffName, Instant happenedAt,
                       FollowUpMethod method, String content) {
}
