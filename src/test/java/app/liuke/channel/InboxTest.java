package app.liuke.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.store.Dialect;
import app.liuke.store.Handle;
import app.liuke.support.TestShop;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox's questions on both engines. A worker asks for one chat's waiting updates while thousands
 * of other chats' wait too (a burst): the engine must go straight to that chat, not read every waiting
 * update before it (issue #18's ingest bench, where that made handling fall further behind the more it lagged).
 */
class InboxTest {
    private static final String CHANNEL = "bench";

    @TempDir
    Path folder;

    @Test
    void aChatsWaitingUpdates_comeInOrder_fromTheChatsOwnIndex() {
        try (var shop = TestShop.create(folder)) {
            var inbox = new Inbox();
            var result = shop.liuke.database().transaction(handle -> {
                long mine = 0;
                for (int i = 0; i < 3_000; i++) {
                    String chat = "chat-" + (i % 300);
                    long id = inbox.insertIfNew(handle, new IncomingUpdate(CHANNEL, i, chat, "{}"), Instant.EPOCH).orElseThrow();
                    mine = chat.equals("chat-7") && i < 1_500 ? id : mine;
                }
                handle.execute("ANALYZE inbox");
                var rows = inbox.pendingUpTo(handle, InboxEntry.queued(mine, CHANNEL, 0, "chat-7"));
                return new Result(rows.stream().map(InboxEntry::updateId).toList(), plan(handle, mine));
            });
            assertEquals(List.of(7L, 307L, 607L, 907L, 1207L), result.updates());
            assertTrue(result.plan().contains("inbox_pending_chat"), result.plan());
        }
    }

    private record Result(List<Long> updates, String plan) {
    }

    /** How the engine answers Inbox.pendingUpTo for the chat. */
    private static String plan(Handle handle, long upTo) {
        var explain = handle.dialect() == Dialect.POSTGRES ? "EXPLAIN " : "EXPLAIN QUERY PLAN ";
        return String.join("\n", handle.query(explain + Inbox.PENDING_UP_TO,
                row -> row.getString(row.getMetaData().getColumnCount()), "channel", CHANNEL, "chat", "chat-7", "id", upTo));
    }
}
