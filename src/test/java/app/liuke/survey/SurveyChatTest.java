package app.liuke.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.FakeBotApi;
import app.liuke.support.TelegramShopTest;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Surveys in chat over the real webhook and a fake Bot API: buttons, typed answers, low scores, restarts, lapses. */
class SurveyChatTest extends TelegramShopTest {
    static final long OWNER = TestShop.OWNER_ID;
    static final long CLERK = 7002;
    static final long ALICE = 501;

    private String ask(long user, String name, String text, int expectedCount) {
        assertEquals(200, shop.webhook(Updates.privateText(Updates.nextId(), user, name, text)).status());
        return api.awaitSent(String.valueOf(user), expectedCount).get(expectedCount - 1).text();
    }

    private long aliceId() {
        return shop.queryLong("SELECT customer_id FROM channel_identity WHERE external_id = :id", "id", String.valueOf(ALICE));
    }

    private void press(String data) {
        assertEquals(200, shop.webhook(Updates.buttonPress(Updates.nextId(), ALICE, "Alice", data, 42)).status());
    }

    /** Waits for the n-th edit of a message (the next question replacing the last) and returns it. */
    private FakeBotApi.Call edit(int n) {
        return api.await(calls -> api.calls("editMessageText").size() >= n, n + " edit(s)").stream()
                .filter(c -> c.method().equals("editmessagetext")).toList().get(n - 1);
    }

    /** Alice bought from 小王, who looks after her. */
    private void aliceBoughtFromWang() {
        ask(ALICE, "Alice", "/start", 1);
        ask(OWNER, "Boss", "/staff add " + CLERK + " staff 小王", 1);
        ask(OWNER, "Boss", "/assign #" + aliceId() + " 小王", 2);
        ask(CLERK, "小王", "/sale #" + aliceId() + " 680 耳钉", 1);
    }

    @Test
    void aCustomerAnswersWithButtons_repeatedPressesCountOnce_andALowScoreReachesTheirStaffMember() {
        aliceBoughtFromWang();
        var first = api.awaitSent(String.valueOf(ALICE), 1);
        shop.webhook(Updates.privateText(Updates.nextId(), ALICE, "Alice", "/survey"));
        var invitation = api.await(calls -> api.sentTo(String.valueOf(ALICE)).size() >= first.size() + 1, "the survey")
                .stream().filter(c -> c.method().equals("sendmessage") && c.chatId().equals(String.valueOf(ALICE))).toList();
        var question = invitation.get(invitation.size() - 1);
        assertTrue(question.text().contains("感谢您最近的光临") || question.text().contains("Alice"), question.text());
        assertTrue(question.text().contains("（1/4）"), question.text());
        List<String> buttons = question.buttonData();
        long response = shop.queryLong("SELECT id FROM survey_response");
        assertEquals(List.of("s|" + response + "|0|1", "s|" + response + "|0|2", "s|" + response + "|0|3", "s|" + response + "|0|4",
                "s|" + response + "|0|5"), buttons);
        assertTrue(buttons.stream().allMatch(data -> data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64));

        String lowCsat = Updates.buttonPress(Updates.nextId(), ALICE, "Alice", "s|" + response + "|0|2", 42);
        shop.webhook(lowCsat);
        assertTrue(edit(1).text().contains("推荐") && edit(1).buttonData().size() == 11, edit(1).text());
        shop.webhook(lowCsat);                       // Telegram delivers the same update again
        press("s|" + response + "|0|5");             // a second press on the old question
        press("s|" + response + "|1|3");
        assertTrue(edit(2).text().contains("最满意"), edit(2).text());
        press("s|" + response + "|2|-");
        assertTrue(edit(3).text().contains("打字"), edit(3).text());
        String thanks = ask(ALICE, "Alice", "店员态度一般，等了很久", invitation.size() + 1);
        assertTrue(thanks.contains("谢谢"), thanks);

        shop.awaitInboxDone();
        assertEquals(3, api.calls("editMessageText").size(), "the repeated presses changed nothing");
        assertTrue(api.calls("answerCallbackQuery").stream().anyMatch(c -> c.body().path("text").asText().contains("已经记下")));
        assertEquals(4, shop.queryLong("SELECT count(*) FROM survey_answer"));
        assertEquals(2, shop.queryLong("SELECT score FROM survey_answer WHERE question = 'satisfaction'"));

        var alert = api.awaitSent(String.valueOf(CLERK), 2).get(1);
        assertTrue(alert.text().contains("Alice") && alert.text().contains("2/5") && alert.text().contains("3/10")
                && alert.text().contains("等了很久"), alert.text());
        long task = shop.queryLong("SELECT id FROM follow_up_task WHERE staff_id = (SELECT id FROM staff WHERE name = '小王')");
        assertEquals(List.of("t|close|" + task), alert.buttonData());
        assertEquals(0, api.sentTo(String.valueOf(OWNER)).stream().filter(c -> c.text().contains("低分")).count(),
                "the owning staff member hears, not every manager");

        shop.webhook(Updates.buttonPress(Updates.nextId(), CLERK, "小王", "t|close|" + task, 77));
        assertTrue(edit(4).text().contains("已由 小王"), edit(4).text());
        assertEquals(1, shop.queryLong("SELECT count(*) FROM follow_up_task WHERE closed_at IS NOT NULL"
                + " AND closed_by = (SELECT id FROM staff WHERE name = '小王')"));

        var results = shop.get("/api/surveys/post-purchase/results?staff=小王").json();
        assertEquals(1, results.path("completed").asInt(), results.toString());
        var questions = results.path("questions");
        assertEquals(2.0, questions.get(0).path("average").asDouble(), questions.toString());
        assertEquals(-100, questions.get(1).path("nps").asInt(), questions.toString());
        assertEquals(1, questions.get(2).path("skipped").asInt(), questions.toString());
        assertTrue(questions.get(3).path("texts").get(0).path("text").asText().contains("等了很久"));
        assertEquals(0, shop.get("/api/surveys/post-purchase/results?from=2026-03-16").json().path("sent").asInt());
        assertEquals(404, shop.get("/api/surveys/nope/results").status());
        assertEquals(400, shop.get("/api/surveys/post-purchase/results?from=2026-13-45").status());
    }

    /** The survey's reminder row once the dispatcher has looked at it: "status/reason". */
    private String reminderRow(String expected) {
        return app.liuke.support.Await.calls(() -> shop.liuke.database().read(h -> h.query(
                "SELECT status || '/' || coalesce(reason, '') FROM outbox WHERE idempotency_key LIKE 'survey-reminder:%'",
                row -> row.getString(1))), rows -> rows.equals(List.of(expected)), "the reminder " + expected).get(0);
    }

    @Test
    void aReminderWasNotAskedFor_soItWaitsOutTheNight_andAnOptOutDropsIt() {
        // Found by liuke simulate: reminders went out as replies, past the quiet hours and after an opt-out.
        var zone = java.time.ZoneId.of("Asia/Shanghai");
        shop.clock.set(java.time.LocalDateTime.parse("2026-03-16T20:30").atZone(zone).toInstant());
        ask(ALICE, "Alice", "/start", 1);
        var sent = shop.post("/api/surveys/dormant/send", "{\"customerId\":" + aliceId() + "}");
        assertEquals(201, sent.status(), sent.body());
        api.awaitSent(String.valueOf(ALICE), 2);

        shop.clock.set(java.time.LocalDateTime.parse("2026-03-17T21:30").atZone(zone).toInstant());   // 25 hours on: night
        assertEquals(1, shop.liuke.surveys().tick());
        shop.liuke.channels().dispatcher().wake();
        assertEquals("pending/quiet-hours", reminderRow("pending/quiet-hours"), "held for the morning");

        assertTrue(ask(ALICE, "Alice", "/stop", 3).length() > 0);             // the confirmation is a reply: it goes at once
        shop.clock.set(java.time.LocalDateTime.parse("2026-03-18T09:00:05").atZone(zone).toInstant());
        shop.liuke.channels().dispatcher().wake();
        assertEquals("skipped/opted-out", reminderRow("skipped/opted-out"));
        assertTrue(api.sentTo(String.valueOf(ALICE)).stream().noneMatch(call -> call.text().contains("还差几道题")),
                "no reminder reached Alice: " + api.sentTo(String.valueOf(ALICE)));
    }

    @Test
    void progressSurvivesARestart_oneReminderGoesOut_andAnUnfinishedSurveyLapses() {
        ask(ALICE, "Alice", "/start", 1);
        var sent = shop.post("/api/surveys/dormant/send", "{\"customerId\":" + aliceId() + "}");
        assertEquals(201, sent.status(), sent.body());
        long response = sent.json().path("responseId").asLong();
        var question = api.awaitSent(String.valueOf(ALICE), 2).get(1);
        assertTrue(question.text().contains("好久没见到您") || question.text().contains("好久"), question.text());
        press("s|" + response + "|0|busy");
        edit(1);

        shop.close();
        shop = TestShop.withTelegram(folder, api.url(), "webhook").startWeb();
        shop.clock.advance(Duration.ofHours(2));
        press("s|" + response + "|1|4");
        assertTrue(edit(2).text().contains("打字"), "the survey went on after the restart: " + edit(2).text());

        shop.clock.advance(Duration.ofHours(23));
        shop.liuke.surveys().tick();
        String reminder = api.awaitSent(String.valueOf(ALICE), 3).get(2).text();
        assertTrue(reminder.contains("还差几道题"), reminder);
        shop.clock.advance(Duration.ofHours(1));
        assertEquals(0, shop.liuke.surveys().tick(), "at most one reminder");

        shop.clock.advance(Duration.ofHours(48));
        shop.liuke.surveys().tick();
        assertEquals("expired", shop.liuke.database().read(h -> h.queryOne("SELECT status FROM survey_response",
                row -> row.getString(1)).orElseThrow()));
        press("s|" + response + "|2|-");
        var answers = api.await(calls -> api.calls("answerCallbackQuery").size() >= 3, "the third answer").stream()
                .filter(c -> c.method().equals("answercallbackquery")).toList();
        assertTrue(answers.get(answers.size() - 1).body().path("text").asText().contains("已经结束"), answers.toString());
        assertEquals(2, shop.queryLong("SELECT count(*) FROM survey_answer"), "the answers given still count");

        var again = shop.post("/api/surveys/post-purchase/send", "{\"customerId\":" + aliceId() + "}");
        assertEquals("cooldown", again.json().path("outcome").asText(), again.body());
        assertEquals(404, shop.post("/api/surveys/post-purchase/send", "{\"customerId\":999999}").status());
        assertEquals(400, shop.post("/api/surveys/post-purchase/send", "{\"customerId\":\"x\"}").status());
    }
}
