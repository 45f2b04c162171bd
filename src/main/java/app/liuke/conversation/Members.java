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

    /** Keeps the channel's name for the identity up to date; a message from someone proves they are reachable. */
    public void remember(Handle handle, Person person) {
        handle.update("""
                UPDATE channel_identity SET display_name = :name, username = :username, unreachable_at = NULL
                WHERE channel = :channel AND external_id = :id
                  AND (display_name IS NOT :name OR username IS NOT :username OR unreachable_at IS NOT NULL)""",
                "name", ChatInput.name(person.displayName(), person.userId()), "username", person.username(),
                "channel", person.channel(), "id", person.userId());
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
