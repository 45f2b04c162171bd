package app.liuke.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.support.Updates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standing campaigns the first tests leave out (used-up, downgrade, the follow-up's buttons, the
 * win-back), the scheduler after downtime, and leases between two dispatchers.
 */
class CampaignRulesTest extends CampaignTestBase {

    private void buy(long customer, String date, String... items) {
        var bought = shop.post("/api/purchases", "{\"customerId\": " + customer + ", \"amount\": 200, \"date\": \"" + date
                + "\", \"items\": [" + String.join(",", List.of(items).stream().map(i -> "\"" + i + "\"").toList()) + "]}");
        assertEquals(201, bought.status(), bought.body());
    }

    private void tier(long customer, String tier) {
        assertEquals(200, shop.put("/api/customers/" + customer + "/tier",
                "{\"tier\": \"" + tier + "\", \"by\": \"test\", \"reason\": \"test\"}").status());
    }

    @Test
    void usedUp_nudgesOnTheDayTheItemRunsOut_unlessItWasBoughtAgain() {
        long alice = join(ALICE, "Alice");
        long bob = join(BOB, "Bob");
        at("2026-03-16T12:00");
        buy(alice, "2026-03-01", "玫瑰面霜");
        buy(bob, "2026-03-01", "玫瑰面霜");
        buy(bob, "2026-03-10", "玫瑰面霜");                          // Bob bought it again since
        tier(alice, "B");
        tier(bob, "B");
        at("2026-04-29T10:30");                                        // 59 days: not yet
        assertEquals(0, shop.liuke.campaigns().run("used-up", "test").queued());
        at("2026-04-30T10:30");                                        // 60 days after 1 March (config: 面霜, 60 days)
        int before = sent(ALICE).size();                              // counted before the run: the dispatcher is quick
        var run = shop.liuke.campaigns().run("used-up", "test");
        assertEquals(1, run.queued(), run.toString());
        String nudge = awaitNth(ALICE, before + 1);
        assertTrue(nudge.contains("面霜差不多该用完了"), nudge);
        assertEquals(0, outbox("campaign = 'used-up' AND customer_id = :c", "c", bob));
        assertEquals(0, shop.liuke.campaigns().run("used-up", "test").queued(), "once per purchase");
        at("2026-05-09T10:30");                                        // Bob's second jar runs out
        assertEquals(1, shop.liuke.campaigns().run("used-up", "test").queued());
    }

    @Test
    void downgrade_warnsFourteenDaysBeforeATierDrops_withTheReason() {
        long alice = join(ALICE, "Alice");
        at("2026-03-16T12:00");
        buy(alice, "2026-03-10");
        buy(alice, "2026-03-16");                                      // two purchases: tier B
        assertEquals("B", shop.liuke.database().read(h -> h.queryOne("SELECT tier FROM customer WHERE id = :c",
                r -> r.getString(1), "c", alice)).orElseThrow());
        long dropAt = shop.queryLong("SELECT tier_drop_at FROM customer WHERE id = :c", "c", alice);
        LocalDate drop = Instant.ofEpochSecond(dropAt).atZone(SHANGHAI).toLocalDate();
        assertEquals(LocalDate.of(2026, 9, 12), drop, "180 days without a visit");
        at(drop.minusDays(15) + "T10:30");
        assertEquals(0, shop.liuke.campaigns().run("downgrade", "test").queued());
        at(drop.minusDays(14) + "T10:30");
        int before = sent(ALICE).size();
        var run = shop.liuke.campaigns().run("downgrade", "test");
        assertEquals(1, run.queued(), run.toString());
        String warning = awaitNth(ALICE, before + 1);
        assertTrue(warning.contains("B 级") && warning.contains("9/12") && warning.contains("C 级"), warning);
        assertTrue(warning.contains("到店消费一次"), "it says how to keep the tier: " + warning);
        assertEquals(0, shop.liuke.campaigns().run("downgrade", "test").queued(), "once per drop date");
    }

    @Test
    void followUp_asksOneQuestion_aThumbsUpThanks_aFrownOpensTheSurvey() {
        long alice = join(ALICE, "Alice");
        long bob = join(BOB, "Bob");
        at("2026-03-16T12:00");
        buy(alice, "2026-03-09");
        buy(bob, "2026-03-09");
        at("2026-03-16T15:30");                                        // 7 days later
        assertEquals(2, shop.liuke.campaigns().run("follow-up", "test").queued());
        api.await(calls -> sent(ALICE).stream().anyMatch(c -> c.text().contains("用着还满意吗")), "Alice's follow-up");
        api.await(calls -> sent(BOB).stream().anyMatch(c -> c.text().contains("用着还满意吗")), "Bob's follow-up");
        var ask = sent(ALICE).stream().filter(c -> c.text().contains("用着还满意吗")).findFirst().orElseThrow();
        var bobAsk = sent(BOB).stream().filter(c -> c.text().contains("用着还满意吗")).findFirst().orElseThrow();
        assertEquals(List.of("f|ok|" + alice, "f|bad|" + alice), ask.buttonData());

        int aliceBefore = sent(ALICE).size();
        shop.webhook(Updates.buttonPress(Updates.nextId(), ALICE, "Alice", ask.buttonData().get(0), 70));
        assertTrue(awaitNth(ALICE, aliceBefore + 1).contains("谢谢您的反馈"));

        int bobBefore = sent(BOB).size();
        shop.webhook(Updates.buttonPress(Updates.nextId(), BOB, "Bob", bobAsk.buttonData().get(1), 71));
        String survey = awaitNth(BOB, bobBefore + 1);
        assertTrue(survey.contains("感谢您最近的光临") || survey.contains("这次购物您满意吗"), survey);
        api.await(calls -> sent(BOB).stream().anyMatch(c -> c.text().contains("这次购物您满意吗")), "the survey's first question");
        assertEquals(1, shop.queryLong("SELECT count(*) FROM survey_response WHERE customer_id = :c", "c", bob));

        // Alice's button pressed by Bob does nothing for Alice's record.
        int before = sent(BOB).size();
        shop.webhook(Updates.buttonPress(Updates.nextId(), BOB, "Bob", "f|bad|" + alice, 72));
        shop.awaitInboxDone();
        assertEquals(0, shop.queryLong("SELECT count(*) FROM survey_response WHERE customer_id = :c", "c", alice));
        assertEquals(before, sent(BOB).size(), "no message, only the button's acknowledgement");
    }

    @Test
    void aChurnedCustomer_getsOneWinBack_never_a_second() {
        long alice = join(ALICE, "Alice");
        shop.liuke.database().useTransaction(h -> h.update("UPDATE customer SET stage = 'churned' WHERE id = :c", "c", alice));
        at("2026-03-16T11:30");
        int before = sent(ALICE).size();
        var first = shop.liuke.campaigns().run("reactivation", "test");
        assertEquals(1, first.queued(), first.toString());
        String winBack = awaitNth(ALICE, before + 1);
        assertTrue(winBack.contains("回归礼"), winBack);
        api.await(calls -> sent(ALICE).stream().anyMatch(c -> c.text().contains("券码")), "the win-back's personal code");
        at("2027-03-16T11:30");                                        // a year on, still churned
        assertEquals(0, shop.liuke.campaigns().run("reactivation", "test").queued(), "at most one win-back");
        assertEquals(1, shop.queryLong("SELECT count(*) FROM reactivation WHERE customer_id = :c AND kind = 'win-back'", "c", alice));
    }

    @Test
    void afterDowntime_eachCampaignRunsItsLatestMissedSlotOnce_andStaleMessagesAreDropped() {
        long alice = join(ALICE, "Alice");
        at("2026-03-16T22:30");
        buy(alice, "2026-03-15");
        var thanks = tickOnly("thanks");                               // latest slot: 16 March 10:00
        assertEquals(1, thanks.queued(), String.valueOf(thanks));
        assertEquals(1, outbox("campaign = 'thanks' AND status = 'pending' AND reason = 'quiet-hours'"));
        assertNull(tickOnly("thanks"), "the same slot never runs twice");

        at("2026-03-20T10:30");                                        // down for three days and a half
        var after = tickOnly("thanks");
        assertEquals(0, after.queued(), "nobody bought on the 19th");
        assertEquals(List.of("2026-03-16T10:00", "2026-03-20T10:00"), shop.liuke.database().read(h -> h.query(
                "SELECT slot FROM campaign_run WHERE campaign = 'thanks' ORDER BY slot",
                r -> Instant.ofEpochSecond(r.getLong(1)).atZone(SHANGHAI).toLocalDateTime().toString())), "the 17th to 19th are not replayed");
        shop.liuke.channels().dispatcher().runOnce();
        awaitOutbox(1, "campaign = 'thanks' AND status = 'skipped' AND reason = 'stale'");  // 4 days late: not sent
        shop.awaitInboxDone();
        assertTrue(sent(ALICE).stream().noneMatch(c -> c.text().contains("感谢您昨天光临")), sent(ALICE).toString());
    }

    @Test
    void aLeasedRow_isLeftToItsDispatcher_untilTheLeaseLapses() {
        var outbox = shop.liuke.channels().outbox();
        var chat = new ChatRef("elsewhere", "42", false);              // a channel no running dispatcher serves
        Instant now = shop.clock.instant();
        shop.liuke.database().useTransaction(h -> {
            outbox.enqueue(h, new Outbound.SendText(chat, "one", List.of()), "lease-test:1", null, now);
            outbox.enqueue(h, new Outbound.SendText(chat, "two", List.of()), "lease-test:2", null, now);
        });
        var first = shop.liuke.database().transaction(h -> outbox.lease(h, "elsewhere", "first", 10, now, now.plusSeconds(60)));
        assertEquals(2, first.size());
        var second = shop.liuke.database().transaction(h -> outbox.lease(h, "elsewhere", "second", 10, now.plusSeconds(30),
                now.plusSeconds(90)));
        assertEquals(0, second.size(), "a live lease is respected");
        shop.liuke.database().useTransaction(h -> outbox.markSent(h, first.get(0).id(), "m1", now.plusSeconds(1)));
        Instant lapsed = now.plus(Duration.ofSeconds(61));
        var takeover = shop.liuke.database().transaction(h -> outbox.lease(h, "elsewhere", "second", 10, lapsed, lapsed.plusSeconds(60)));
        assertEquals(List.of("lease-test:2"), takeover.stream().map(r -> r.key()).toList(),
                "the first dispatcher died: its unsent row is taken over, its sent row is not sent again");
    }
}
