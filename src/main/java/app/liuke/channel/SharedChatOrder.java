package app.liuke.channel;

import app.liuke.store.Handle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Per-chat order across instances on one PostgreSQL database (issue #18). Each instance keeps a chat's
 * updates in order on one lane; across instances, the transaction that handles an update first takes
 * a transaction-scoped advisory lock on the chat ({@code pg_advisory_xact_lock}), so two instances never
 * handle one chat at once, and then handles the chat's earlier updates still pending, whichever
 * instance stored them. An instance that comes second finds its update handled and skips it.
 * Advisory locks rather than a lease row: they cost no write, end with the transaction (a crash frees
 * them), and PostgreSQL resolves a deadlock between two batches by failing one, which then goes one
 * update at a time. Stateless; thread-safe.
 */
final class SharedChatOrder implements ChatPipeline.ChatOrder {
    private final Inbox inbox;
    private final Function<InboxEntry, List<Inbound>> translate;
    private final ChatPipeline pipeline;

    SharedChatOrder(Inbox inbox, Function<InboxEntry, List<Inbound>> translate, ChatPipeline pipeline) {
        this.inbox = inbox;
        this.translate = translate;
        this.pipeline = pipeline;
    }

    @Override
    public List<ChatPipeline.Job> before(Handle handle, InboxEntry entry) {
        handle.lock(entry.channel() + ":" + entry.chatKey());
        List<InboxEntry> pending = inbox.pendingUpTo(handle, entry);
        if (pending.isEmpty() || pending.get(pending.size() - 1).id() != entry.id()) {
            return null;                                   // another instance handled it
        }
        var earlier = new ArrayList<ChatPipeline.Job>();
        for (InboxEntry other : pending.subList(0, pending.size() - 1)) {
            try {
                earlier.add(new ChatPipeline.Job(other, translate.apply(other)));
            } catch (RuntimeException unreadable) {
                pipeline.unreadable(handle, other, unreadable);
            }
        }
        return earlier;
    }
}
