package app.liuke.channel;

import java.util.List;

/** A channel adapter's reading of one stored update: the channel-neutral events in it (often one, sometimes none). */
@FunctionalInterface
public interface UpdateTranslator {
    List<Inbound> translate(String payload);
}
