package app.liuke.channel;

import app.liuke.store.Handle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The conversation side of the pipeline: what to do with one inbound event, inside the caller's transaction. */
public interface InboundHandler {
    /** Applies the event and returns the replies to send (queued in the same transaction). */
    List<Outbound> handle(Handle handle, Inbound event, Instant now);

    /** A polite "something went wrong" for the event's chat, when handling it failed; empty in groups. */
    Optional<Outbound> apology(Inbound event);
}
