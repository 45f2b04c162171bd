package app.liuke.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The gate's last look as a leased batch leaves: the dispatcher asks about all of the batch's
 * customers at once (issue #18), and each row still gets its own customer's verdict.
 */
class SendingGateTest extends CampaignTestBase {
    @Test
    void aBatchWaitingForTheMorning_isCheckedCustomerByCustomer_asItLeaves() {
        long alice = join(ALICE, "Alice");
        long bob = join(BOB, "Bob");
        long carol = join(CAROL, "Carol");
        for (long customer : new long[] {alice, bob, carol}) {
            assertEquals(200, shop.put("/api/customers/" + customer + "/tier",
                    "{\"tier\": \"B\", \"by\": \"test\", \"reason\": \"test\"}").status());
        }
        int aliceBefore = sent(ALICE).size();
        int carolBefore = sent(CAROL).size();
        at("2026-03-16T22:30");
        assertEquals(3, shop.liuke.campaigns().broadcasts().now("", "新品到店 {name}").deferred());

        // Overnight another shop tool sent Alice a marketing message (B: one in 15 days), and Carol opted out.
        long sentAt = shop.clock.instant().getEpochSecond();
        shop.liuke.database().useTransaction(handle -> {
            handle.update("""
                    INSERT INTO outbox (channel, chat_id, idempotency_key, kind, payload, customer_id, status, not_before, created_at,
                                        sent_at, purpose, campaign, occurrence, priority, slot_day)
                    VALUES ('telegram', :chat, 'campaign:sale:1', 'text', '{}', :customer, 'sent', :at, :at, :at, 'marketing', 'sale',
                            '1', 10, :day)""", "chat", String.valueOf(ALICE), "customer", alice, "at", sentAt,
                    "day", java.time.LocalDate.of(2026, 3, 16).toEpochDay());
            handle.update("UPDATE customer SET opted_out = 1 WHERE id = :id", "id", carol);
        });

        at("2026-03-17T09:00:05");
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(1, outbox("campaign = 'broadcast' AND customer_id = :c AND status = 'skipped' AND reason = 'cap:B 1/15d'", "c", alice));
        assertEquals(1, outbox("campaign = 'broadcast' AND customer_id = :c AND status = 'skipped' AND reason = 'opted-out'", "c", carol));
        assertEquals(1, outbox("campaign = 'broadcast' AND customer_id = :c AND status = 'sent'", "c", bob));
        assertTrue(awaitNth(BOB, sent(BOB).size()).contains("新品到店 Bob"));
        assertEquals(aliceBefore, sent(ALICE).size());
        assertEquals(carolBefore, sent(CAROL).size());
    }
}
