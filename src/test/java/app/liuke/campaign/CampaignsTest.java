package app.liuke.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.FakeBotApi;
import app.liuke.support.TelegramShopTest;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Standing campaigns over the real webhook, outbox and dispatcher against a fake Bot API, with the
 * shop clock moved through days and years: the right dates, once; quiet hours; caps and priorities;
 * opt-out; stop rules; 429 and 403.
 */
class CampaignsTest extends CampaignTestBase {
    @Test
    void lunarHolidays_areComputedForAnyYear() {
        assertEquals(LocalDate.of(2026, 2, 17), HolidayCalendar.lunar(2026, 1, 1));
        assertEquals(LocalDate.of(2028, 1, 26), HolidayCalendar.lunar(2028, 1, 1));
        assertEquals(LocalDate.of(2029, 2, 13), HolidayCalendar.lunar(2029, 1, 1));
        assertEquals(LocalDate.of(2026, 9, 25), HolidayCalendar.lunar(2026, 8, 15));
        assertEquals(LocalDate.of(2028, 10, 3), HolidayCalendar.lunar(2028, 8, 15));
        // The published calendar, 2025–2035: Spring Festival, Dragon Boat (lunar-05-05), Mid-Autumn.
        String[][] published = {
                {"2025-01-29", "2025-05-31", "2025-10-06"}, {"2026-02-17", "2026-06-19", "2026-09-25"},
                {"2027-02-06", "2027-06-09", "2027-09-15"}, {"2028-01-26", "2028-05-28", "2028-10-03"},
                {"2029-02-13", "2029-06-16", "2029-09-22"}, {"2030-02-03", "2030-06-05", "2030-09-12"},
                {"2031-01-23", "2031-06-24", "2031-10-01"}, {"2032-02-11", "2032-06-12", "2032-09-19"},
                {"2033-01-31", "2033-06-01", "2033-09-08"}, {"2034-02-19", "2034-06-20", "2034-09-27"},
                {"2035-02-08", "2035-06-10", "2035-09-16"}};
        for (int i = 0; i < published.length; i++) {
            int year = 2025 + i;
            assertEquals(LocalDate.parse(published[i][0]), HolidayCalendar.lunar(year, 1, 1), "Spring Festival " + year);
            assertEquals(LocalDate.parse(published[i][1]), HolidayCalendar.lunar(year, 5, 5), "Dragon Boat " + year);
            assertEquals(LocalDate.parse(published[i][2]), HolidayCalendar.lunar(year, 8, 15), "Mid-Autumn " + year);
        }
        // A shop's published date replaces the computed one in its year only.
        assertEquals(List.of(LocalDate.of(2030, 2, 3), LocalDate.of(2031, 1, 24), LocalDate.of(2032, 2, 11)),
                HolidayCalendar.around("lunar-01-01", List.of(LocalDate.of(2031, 1, 24)), 2031));
    }

    @Test
    void birthdaysAndLunarHolidays_fireOnceOnTheRightDates_aLeapDayBirthdayOnThe28th() {
        long alice = join(ALICE, "Alice");
        set(alice, "{\"birthday\": \"1992-02-29\"}");
        int welcome = sent(ALICE).size();

        at("2027-01-20T09:30");                                        // nothing due
        shop.liuke.campaignScheduler().tick();
        shop.awaitInboxDone();
        assertEquals(0, outbox("campaign IN ('birthday', 'holidays') AND status <> 'skipped'"));

        at("2027-02-24T09:30");                                        // 2027 has no 29 Feb: celebrated on the 28th
        assertEquals(1, tickOnly("birthday").queued());
        String before = awaitNth(ALICE, welcome + 1);
        assertTrue(before.contains("生日") && before.contains("券码"), before);
        assertEquals(1, shop.queryLong("SELECT count(*) FROM offer_code WHERE customer_id = :c", "c", alice));
        assertEquals(1, shop.liuke.campaigns().run("birthday", "test").already(), "a second run plans nobody twice");

        at("2027-02-28T09:30");
        assertEquals(1, tickOnly("birthday").queued());
        assertTrue(awaitNth(ALICE, welcome + 2).contains("生日快乐"), sent(ALICE).toString());

        at("2027-03-01T09:30");
        shop.liuke.campaignScheduler().tick();
        at("2028-01-22T09:30");                                        // 4 days before Spring Festival (2028-01-26)
        assertEquals(1, tickOnly("holidays").queued());
        assertTrue(awaitNth(ALICE, welcome + 3).contains("春节"), sent(ALICE).toString());
        assertEquals(0, shop.liuke.campaignScheduler().tick().size(), "the same slot runs once");

        at("2028-02-25T09:30");                                        // 2028 is a leap year: 4 days before 29 Feb
        assertEquals(1, tickOnly("birthday").queued());
        awaitNth(ALICE, welcome + 4);
        awaitOutbox(3, "campaign = 'birthday' AND status = 'sent' AND instr(idempotency_key, '#') = 0");
        assertEquals(2, shop.queryLong("SELECT count(*) FROM offer_code WHERE customer_id = :c", "c", alice),
                "one gift code in 2027 (shown again on the day), a new one in 2028");
    }

    @Test
    void quietHoursDefer_capsHold_andTheHigherPriorityWinsTheDay() {
        long alice = join(ALICE, "Alice");                              // tier C
        long bob = join(BOB, "Bob");
        assertEquals(200, shop.put("/api/customers/" + bob + "/tier", "{\"tier\": \"B\", \"by\": \"test\", \"reason\": \"test\"}").status());
        int aliceBefore = sent(ALICE).size();

        at("2026-03-16T22:30");                                        // quiet hours
        var thanks = shop.liuke.campaigns().broadcasts().now("", "晚上好 {name}");
        assertEquals(1, thanks.skipped().getOrDefault("cap", 0), "C customers get only must-do contacts: " + thanks);
        assertEquals(1, thanks.deferred(), "Bob's broadcast waits for the morning");
        assertEquals(1, outbox("campaign = 'broadcast' AND reason = 'quiet-hours' AND customer_id = :c", "c", bob));

        // Alice bought yesterday: her thank-you is planned tonight and deferred too.
        var bought = shop.post("/api/purchases", "{\"customerId\": " + alice + ", \"amount\": 100, \"date\": \"2026-03-15\"}");
        assertEquals(201, bought.status(), bought.body());
        var thanksRun = shop.liuke.campaigns().run("thanks", "test");
        assertEquals(1, thanksRun.queued(), thanksRun.toString());
        assertEquals(1, outbox("campaign = 'thanks' AND status = 'pending' AND reason = 'quiet-hours'"),
                shop.liuke.database().read(h -> h.query("SELECT campaign, status, reason, not_before FROM outbox WHERE campaign IS NOT NULL",
                        r -> r.getString(1) + "/" + r.getString(2) + "/" + r.getString(3) + "/" + r.getLong(4))).toString());
        // A birthday the same day outranks the pending thank-you; a follow-up after it finds the slot taken.
        set(alice, "{\"birthday\": \"1990-03-20\"}");    // 4 days ahead
        shop.liuke.campaigns().run("birthday", "test");
        assertEquals(1, outbox("campaign = 'thanks' AND status = 'skipped' AND reason = 'outranked:birthday'"));
        assertEquals(1, outbox("campaign = 'birthday' AND status = 'pending'"));

        shop.awaitInboxDone();
        assertEquals(aliceBefore, sent(ALICE).size(), "nothing at night");
        at("2026-03-17T09:00:05");
        String birthday = awaitNth(ALICE, aliceBefore + 1);
        assertTrue(birthday.contains("生日"), birthday);
        assertTrue(awaitNth(BOB, 2).contains("晚上好 Bob"));

        var second = shop.liuke.campaigns().broadcasts().now("", "第二条");
        assertEquals(2, second.skipped().getOrDefault("cap", 0), "B: one marketing message per 15 days: " + second);
        at("2026-04-02T10:00");
        assertEquals(1, shop.liuke.campaigns().broadcasts().now("", "第三条").queued(), "a new window");
    }

    private void setTier(long customer, String tier) {
        assertEquals(200, shop.put("/api/customers/" + customer + "/tier",
                "{\"tier\": \"" + tier + "\", \"by\": \"test\", \"reason\": \"test\"}").status());
    }

    /** Bob (tier B) and the messages he had before a broadcast written at 22:30, which waits for the morning. */
    private record Night(long bob, int before) {
    }

    private Night broadcastAtNightToBobOnB(String text) {
        long bob = join(BOB, "Bob");
        setTier(bob, "B");
        int before = sent(BOB).size();
        at("2026-03-16T22:30");
        assertEquals(1, shop.liuke.campaigns().broadcasts().now("", text).deferred());
        return new Night(bob, before);
    }

    @Test
    void aMessageWaitingForTheMorning_takesThatDaysSlot_andASentLowerOneStillFillsIt() {
        // Found by `liuke simulate`: a broadcast written at night went out at 09:00 in the previous day's slot, and a
        // thank-you (higher priority) at 10:00 found today's slot free: two campaign messages in one day.
        var night = broadcastAtNightToBobOnB("新品到店 {name}");
        long bob = night.bob();
        int before = night.before();
        long morning = java.time.LocalDate.of(2026, 3, 17).toEpochDay();
        assertEquals(1, outbox("campaign = 'broadcast' AND slot_day = :day", "day", morning), "the slot of the day it goes out");

        at("2026-03-17T09:00:05");
        assertTrue(awaitNth(BOB, before + 1).contains("新品到店 Bob"));
        awaitOutbox(1, "campaign = 'broadcast' AND status = 'sent'");
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + bob + ", \"amount\": 100, \"date\": \"2026-03-16\"}").status());
        at("2026-03-17T10:00");
        var thanks = shop.liuke.campaigns().run("thanks", "test");
        assertEquals(0, thanks.queued(), thanks.toString());
        assertEquals(1, outbox("campaign = 'thanks' AND status = 'skipped' AND reason = 'slot-taken:broadcast'"),
                "a lower-priority message already sent today still fills the day's one slot");
    }

    @Test
    void marketingWaitingForTheMorning_isCountedAgainAsItLeaves_againstTheTierTheCustomerHasThen() {
        // Found by liuke simulate: planned at night for a B customer, sent after the customer had become C (cap 0).
        var night = broadcastAtNightToBobOnB("新品到店");
        int before = night.before();
        setTier(night.bob(), "C");
        at("2026-03-17T09:00:05");
        shop.liuke.channels().dispatcher().wake();
        awaitOutbox(1, "campaign = 'broadcast' AND status = 'skipped' AND reason = 'cap:C 0/15d'");
        assertEquals(before, sent(BOB).size(), "C customers get only must-do contacts");
    }

    @Test
    void optingOut_stopsEveryMarketingMessageAtOnce() {
        long bob = join(BOB, "Bob");
        shop.put("/api/customers/" + bob + "/tier", "{\"tier\": \"A\", \"by\": \"test\", \"reason\": \"test\"}");
        at("2026-03-16T23:00");
        assertEquals(1, shop.liuke.campaigns().broadcasts().now("tier:A", "新品到店").queued());
        int before = sent(BOB).size();
        shop.webhook(Updates.privateText(Updates.nextId(), BOB, "Bob", "/stop"));
        awaitNth(BOB, before + 1);                                     // the reply to /stop is transactional and goes at once
        at("2026-03-17T09:30");
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(1, outbox("campaign = 'broadcast' AND status = 'skipped' AND reason = 'opted-out'"));
        var next = shop.liuke.campaigns().broadcasts().now("tier:A", "又一条");
        assertEquals(1, next.skipped().getOrDefault("opted-out", 0), next.toString());
        shop.awaitInboxDone();
        assertEquals(before + 1, sent(BOB).size(), "no marketing message reached Bob");
    }

    @Test
    void aPurchaseStopsAReactivationSequence_theOthersGetTheSurvey() {
        long alice = join(ALICE, "Alice");
        long bob = join(BOB, "Bob");
        shop.liuke.database().useTransaction(h -> h.update("UPDATE customer SET stage = 'dormant' WHERE id IN (:a, :b)",
                "a", alice, "b", bob));
        at("2026-03-16T11:00");
        var first = shop.liuke.campaigns().run("reactivation", "test");
        assertEquals(2, first.queued(), first.toString());
        assertTrue(awaitNth(ALICE, 2).contains("券码"));
        awaitNth(BOB, 2);
        shop.post("/api/purchases", "{\"customerId\": " + alice + ", \"amount\": 300}");

        at("2026-03-19T11:30");
        var second = shop.liuke.campaigns().run("reactivation", "test");
        assertEquals(1, second.queued(), second.toString());
        assertEquals("purchased", shop.liuke.database().read(h -> h.queryOne(
                "SELECT end_reason FROM reactivation WHERE customer_id = :c", r -> r.getString(1), "c", alice)).orElseThrow());
        assertTrue(awaitNth(BOB, 3).contains("半分钟"), sent(BOB).toString());
        assertEquals(1, shop.queryLong("SELECT count(*) FROM survey_response WHERE customer_id = :c AND survey = 'dormant'", "c", bob));
        assertEquals(0, shop.queryLong("SELECT count(*) FROM survey_response WHERE customer_id = :c", "c", alice));

        at("2026-04-20T11:30");                                        // one sequence per period
        shop.liuke.database().useTransaction(h -> h.update("UPDATE customer SET stage = 'dormant' WHERE id = :a", "a", alice));
        assertEquals(0, shop.liuke.campaigns().run("reactivation", "test").queued());
        var figures = shop.liuke.campaigns().figures("reactivation");
        assertEquals(0.5, figures.reactivationRate(), figures.toString());
    }

    @Test
    void tooManyRequestsAndABlockedBot_loseNothing_andSendNothingTwice() {
        join(ALICE, "Alice");
        join(BOB, "Bob");
        join(CAROL, "Carol");
        shop.liuke.database().useTransaction(h -> h.update("UPDATE customer SET tier = 'A'"));
        api.tooManyRequestsFor(String.valueOf(ALICE), 1);
        api.blockedBy(String.valueOf(BOB));
        var report = shop.liuke.campaigns().broadcasts().now("tier:A", "周末活动");
        assertEquals(3, report.queued());
        api.await(calls -> sent(ALICE).stream().anyMatch(c -> c.text().equals("周末活动")), "the refused call");
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(1, sent(CAROL).size(), "a 429 pauses the whole channel for retry_after");
        shop.clock.advance(java.time.Duration.ofSeconds(2));          // retry_after has passed
        api.await(calls -> api.sentTo(String.valueOf(CAROL)).size() >= 2, "Carol's message");
        api.await(calls -> api.sentTo(String.valueOf(ALICE)).stream().filter(c -> c.text().equals("周末活动")).count() >= 2,
                "Alice's retry");
        shop.clock.advance(java.time.Duration.ofSeconds(5));
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(2, sent(ALICE).stream().filter(c -> c.text().equals("周末活动")).count(), "the refused call and one delivery");
        assertEquals(1, outbox("campaign = 'broadcast' AND status = 'failed' AND error LIKE 'unreachable%'"));
        awaitOutbox(2, "campaign = 'broadcast' AND status = 'sent'");
        assertEquals(1, shop.queryLong("SELECT count(*) FROM channel_identity WHERE unreachable_at IS NOT NULL"));
        var again = shop.liuke.campaigns().broadcasts().now("tier:A", "下一次");
        assertEquals(1, again.skipped().getOrDefault("unreachable", 0), again.toString());
    }

    @Test
    void aManagerBroadcastsFromChat_withAPreviewCountAndAConfirmButton() {
        join(ALICE, "Alice");
        shop.liuke.database().useTransaction(h -> h.update("UPDATE customer SET tier = 'B'"));
        long owner = TestShop.OWNER_ID;
        shop.webhook(Updates.privateText(Updates.nextId(), owner, "Boss", "/broadcast all"));
        assertTrue(awaitNth(owner, 1).contains("1 位顾客"), sent(owner).toString());
        shop.webhook(Updates.privateText(Updates.nextId(), owner, "Boss", "{name}，周末会员日，到店有礼！"));
        var preview = api.awaitSent(String.valueOf(owner), 2).get(1);
        assertTrue(preview.text().contains("将发送给 1 人"), preview.text());
        String confirm = preview.buttonData().get(0);
        shop.webhook(Updates.buttonPress(Updates.nextId(), owner, "Boss", confirm, 50));
        shop.webhook(Updates.buttonPress(Updates.nextId(), owner, "Boss", confirm, 50));
        api.await(calls -> sent(ALICE).stream().anyMatch(c -> c.text().equals("Alice，周末会员日，到店有礼！")), "the broadcast");
        assertTrue(api.awaitSent(String.valueOf(owner), 3).get(2).text().contains("已安排"), sent(owner).toString());
        shop.awaitInboxDone();
        assertEquals(1, sent(ALICE).stream().filter(c -> c.text().contains("会员日")).count(), "the second press sent nothing");

        shop.webhook(Updates.privateText(Updates.nextId(), ALICE, "Alice", "/broadcast all"));
        assertTrue(awaitNth(ALICE, sent(ALICE).size()).length() > 0);
        assertEquals(1, shop.queryLong("SELECT count(*) FROM broadcast"), "a customer cannot broadcast");
    }

    @Test
    void theApi_listsCampaignFigures_previewsAndRefusesUnknownNames() {
        long alice = join(ALICE, "Alice");
        at("2026-03-16T10:00");
        shop.post("/api/purchases", "{\"customerId\": " + alice + ", \"amount\": 100, \"date\": \"2026-03-15\"}");
        var preview = shop.get("/api/campaigns/thanks/preview").json();
        assertEquals(1, preview.path("queued").asInt(), preview.toString());
        assertEquals("send", preview.path("lines").get(0).path("decision").asText());
        assertEquals(0, outbox("campaign = 'thanks'"), "a preview writes nothing");
        assertEquals(201, shop.post("/api/campaigns/thanks/run", "").status());
        api.await(calls -> sent(ALICE).stream().anyMatch(c -> c.text().contains("感谢")), "the thank-you");
        shop.post("/api/purchases", "{\"customerId\": " + alice + ", \"amount\": 50}");
        api.await(calls -> shop.get("/api/campaigns/thanks").json().path("delivered").asInt() == 1, "delivered");
        var figures = shop.get("/api/campaigns/thanks").json();
        assertEquals(1, figures.path("purchased").asInt(), figures.toString());
        assertEquals(8, shop.get("/api/campaigns").json().size());
        var unknown = shop.post("/api/campaigns/nope/run", "");
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(unknown.json().path("error").asText().length() > 0);
        assertEquals(400, shop.post("/api/campaigns/broadcast/run", "{\"segment\": \"tier:Z\", \"text\": \"x\"}").status());
        assertEquals(400, shop.post("/api/campaigns/broadcast/run", "{\"segment\": \"tier:A\"}").status());
    }
}
