package app.liuke.conversation;

import app.liuke.channel.Person;
import app.liuke.customer.ChannelIdentity;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.CustomerService;
import app.liuke.store.Handle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Chat identities and the customers behind them: who a sender is, registering a new member (one
 * record per person: an identity already on file is never doubled), and whether they can be reached.
 * Stateless; runs in the caller's transaction.
 */
public final class Members {
    private final CustomerService customers;

    public Members(CustomerService customers) {
        this.customers = customers;
    }

    /** A registration: the customer's id and whether this call created the record. */
    public record Registration(long customerId, boolean created) {
    }

    public Optional<Long> customerOf(Handle handle, Person person) {
        return handle.queryOne("SELECT customer_id FROM channel_identity WHERE channel = :channel AND external_id = :id",
                row -> row.getLong(1), "channel", person.channel(), "id", person.userId());
    }

    /** The sender's customer record, created (stage potential) when there is none yet. */
    public Registration register(Handle handle, Person person, String source, Instant now) {
        Optional<Long> existing = customerOf(handle, person);
        if (existing.isPresent()) {
            remember(handle, person);
            return new Registration(existing.get(), false);
        }
        var draft = new CustomerDraft(ChatInput.name(person.displayName(), person.userId()), null, null, null, null, null,
                null, null, null, source == null ? null : ChatInput.clean(source, 64), null, null,
                List.of(new ChannelIdentity(person.channel(), person.userId())), null);
        long id = customers.upsert(handle, draft, now).customerId();
        remember(handle, person);
        return new Registration(id, true);
    }

    /** The names Liuke makes up for someone who gave none (访客 ab12, Visitor ab12, 微信用户 ab12). */
    private static final java.util.regex.Pattern MADE_UP = java.util.regex.Pattern.compile("(访客|Visitor|微信用户) \\S{1,8}");

    /**
     * Keeps the channel's name for the identity up to date; a message from someone proves they are
     * reachable. A customer still called by a made-up name takes the name they now give (one name
     * everywhere); a name staff entered is never replaced.
     */
    public void remember(Handle handle, Person person) {
        String given = ChatInput.name(person.displayName(), person.userId());
        if (given != null && !MADE_UP.matcher(given).matches()) {
            customerOf(handle, person).ifPresent(id -> handle.queryOne("SELECT name FROM customer WHERE id = :id",
                    row -> row.getString(1), "id", id).filter(name -> MADE_UP.matcher(name).matches() && !name.equals(given))
                    .ifPresent(madeUp -> handle.update("UPDATE customer SET name = :name, updated_at = updated_at WHERE id = :id",
                            "name", given, "id", id)));
        }
        handle.update("""
                UPDATE channel_identity SET display_name = :name, username = :username, unreachable_at = NULL
                WHERE channel = :channel AND external_id = :id
                  AND (display_name IS NOT :name OR username IS NOT :username OR unreachable_at IS NOT NULL)""",
                "name", ChatInput.name(person.displayName(), person.userId()), "username", person.username(),
                "channel", person.channel(), "id", person.userId());
    }

    /**
     * Records the person's unionid on their identity; a customer with another identity of the same
     * unionid is the same person, and the two records become one (the older is kept, with every channel).
     */
    public void identify(Handle handle, Person person, String unionId, Instant now) {
        handle.update("UPDATE channel_identity SET union_id = :union WHERE channel = :channel AND external_id = :id",
                "union", unionId, "channel", person.channel(), "id", person.userId());
        var same = handle.query("""
                SELECT i.channel, i.external_id FROM channel_identity i JOIN customer c ON c.id = i.customer_id
                WHERE i.union_id = :union ORDER BY c.created_at, c.id""",
                row -> new ChannelIdentity(row.getString(1), row.getString(2)), "union", unionId);
        if (same.size() > 1) {
            customers.upsert(handle, new CustomerDraft(null, null, null, null, null, null, null, null, null, null, null, null,
                    same, null), now);
        }
    }

    public void markUnreachable(Handle handle, String channel, String externalId, Instant now) {
        handle.update("UPDATE channel_identity SET unreachable_at = :now WHERE channel = :channel AND external_id = :id",
                "now", now.getEpochSecond(), "channel", channel, "id", externalId);
    }

    /** The name the channel last gave for an identity, if it ever talked to us. */
    public Optional<String> knownName(Handle handle, String channel, String externalId) {
        return handle.queryOne("SELECT display_name FROM channel_identity WHERE channel = :channel AND external_id = :id",
                row -> row.getString(1), "channel", channel, "id", externalId).filter(name -> name != null);
    }
}
