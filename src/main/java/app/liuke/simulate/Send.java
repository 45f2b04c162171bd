package app.liuke.simulate;

import java.time.Instant;

/**
 * One message a customer received, as the send log keeps it: the tier the customer had at that
 * moment, the campaign and occurrence it belongs to (null for a message outside campaigns), and its
 * purpose as the checker sees it: care or marketing from the campaign's config, reply when the
 * customer had just done something, other for anything else unasked-for (e.g. a survey reminder).
 * {@code optedOutAt}: when the customer opted out, as the simulation made them (null: never).
 */
public record Send(long customerId, String tier, Instant sentAt, String channel, String campaign, String occurrence, String purpose,
            Instant optedOutAt) {
    static final String REPLY = "reply";
    static final String OTHER = "other";

    boolean unasked() {
        return !purpose.equals(REPLY);
    }

    /** The contact it belongs to: a campaign's messages for one occurrence are one contact. */
    String contact() {
        return campaign == null ? null : campaign + "|" + occurrence;
    }
}
