package app.liuke.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.customer.CustomerDraft;
import app.liuke.support.TestShop;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A planning page's rows in multi-row INSERTs (on both engines): the same rows as one INSERT each would write. */
class ContactRowsTest {
    @TempDir
    Path folder;

    private static Outbox.Contact contact(String reason) {
        return new Outbox.Contact("sale", "2026-03-15", "marketing", 50, 20_527, Instant.ofEpochSecond(1_000),
                Instant.ofEpochSecond(2_000), reason);
    }

    @Test
    void rowsOfEveryChunkSize_areWrittenInOrder_andAKeyWrittenBeforeIsLeftAsItWas() {
        try (var shop = TestShop.create(folder)) {
            long customer = shop.liuke.customers().upsert(CustomerDraft.empty().withName("林晨").withPhone("13800138000")).customerId();
            var now = Instant.ofEpochSecond(900);
            shop.liuke.database().useTransaction(handle -> {
                var before = new ContactRows();
                before.skip("campaign:sale:" + customer + ":old", customer, contact("cap"), now);
                assertEquals(Set.of("campaign:sale:" + customer + ":old"), before.write(handle));
            });
            // 150 contacts: chunks of 64, 64, 8, 8 and single rows; every tenth a skip, every seventh two messages.
            var expectedNew = new HashSet<String>();
            var expectedKeys = new ArrayList<String>();
            var written = shop.liuke.database().transaction(handle -> {
                var rows = new ContactRows();
                rows.skip("campaign:sale:" + customer + ":old", customer, contact("opted-out"), now);
                for (int i = 0; i < 149; i++) {
                    String key = "campaign:sale:" + customer + ":" + i;
                    expectedNew.add(key);
                    expectedKeys.add(key);
                    if (i % 10 == 0) {
                        rows.skip(key, customer, contact("slot-taken:x"), now);
                        continue;
                    }
                    var chat = ChatRef.privateChat("telegram", "42");
                    var messages = i % 7 == 0
                            ? List.<Outbound>of(new Outbound.SendText(chat, "你好 " + i, List.of()), new Outbound.SendText(chat, "问卷", List.of()))
                            : List.<Outbound>of(new Outbound.SendText(chat, "你好 " + i, List.of()));
                    rows.queue(messages, key, customer, contact(i % 3 == 0 ? "quiet-hours" : null), now);
                    if (messages.size() == 2) {
                        expectedNew.add(key + "#2");
                        expectedKeys.add(key + "#2");
                    }
                }
                return rows.write(handle);
            });
            assertEquals(expectedNew, written, "every new key, and not the one written before");
            assertEquals("cap", shop.liuke.database().read(handle -> handle.queryOne(
                    "SELECT reason FROM outbox WHERE idempotency_key = :key", row -> row.getString(1), "key",
                    "campaign:sale:" + customer + ":old")).orElseThrow(), "the older row keeps its reason");
            assertEquals(expectedKeys, shop.liuke.database().read(handle -> handle.query(
                    "SELECT idempotency_key FROM outbox WHERE occurrence <> 'old' OR occurrence IS NULL ORDER BY id",
                    row -> row.getString(1))).stream().filter(key -> !key.endsWith(":old")).toList(), "in the order given");
            // Each kind of row carries what a single INSERT gave it.
            assertEquals(List.of("-|-|skipped|900|900|900|marketing|sale|50|null|null|slot-taken:x"),
                    rowsOf(shop, "campaign:sale:" + customer + ":10"));
            assertEquals(List.of("telegram|42|pending|1000|900|null|marketing|sale|50|20527|2000|quiet-hours"),
                    rowsOf(shop, "campaign:sale:" + customer + ":3"));
            assertEquals(List.of("telegram|42|pending|1000|900|null|marketing|sale|50|null|2000|null"),
                    rowsOf(shop, "campaign:sale:" + customer + ":7#2"), "a further message takes no slot");
            assertEquals(Set.of(), shop.liuke.database().transaction(handle -> new ContactRows().write(handle)), "nothing to write");
        }
    }

    private static List<String> rowsOf(TestShop shop, String key) {
        return shop.liuke.database().read(handle -> handle.query("""
                SELECT channel, chat_id, status, not_before, created_at, sent_at, purpose, campaign, priority, slot_day, expires_at, reason
                FROM outbox WHERE idempotency_key = :key""", row -> {
            var values = new ArrayList<String>();
            for (int c = 1; c <= 12; c++) {
                values.add(String.valueOf(row.getObject(c)));
            }
            return String.join("|", values);
        }, "key", key));
    }
}
