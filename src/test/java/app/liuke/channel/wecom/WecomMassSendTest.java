package app.liuke.channel.wecom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.WecomShopTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Campaigns to WeCom contacts go as mass-send tasks (add_msg_template) from the staff member who has the
 * customer, WeCom's cap of 4 a month holds over a moved clock (on top of Liuke's own caps), and the
 * campaign figures count a task as delivered only once WeCom reports it sent.
 */
class WecomMassSendTest extends WecomShopTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String WANG = "wmWangFang000001";

    private void at(String local) {
        shop.clock.set(LocalDateTime.parse(local).atZone(SHANGHAI).toInstant());
    }

    private int broadcast(String text) {
        return shop.liuke.campaigns().broadcasts().now("channel:wecom", text).queued();
    }

    @Test
    void aBroadcastIsATaskForTheContactsStaffMember_andWecomsMonthlyCapHoldsOverAMovedClock() {
        at("2026-03-01T10:00");
        api.contact(WANG, "王芳", null);
        post(wecom.contact("add_external_contact", OWNER, WANG, ""));
        shop.awaitInboxDone();
        shop.liuke.database().useTransaction(h -> h.update("UPDATE customer SET tier = 'A'"));   // A: 1 marketing message a week
        String[] days = {"2026-03-01T10:00", "2026-03-08T11:00", "2026-03-15T12:00", "2026-03-22T13:00"};
        for (int i = 0; i < days.length; i++) {
            at(days[i]);
            assertEquals(1, broadcast("第 " + (i + 1) + " 条新品消息"), days[i]);
            api.awaitCalls("externalcontact/add_msg_template", i + 1);
        }
        var task = api.calls("externalcontact/add_msg_template").get(0).body();
        assertEquals("single", task.path("chat_type").asText());
        assertEquals(WANG, task.path("external_userid").get(0).asText());
        assertEquals(OWNER, task.path("sender").asText());
        assertTrue(task.path("text").path("content").asText().contains("新品"), task.toString());

        at("2026-03-29T14:00");
        var fifth = shop.liuke.campaigns().broadcasts().now("channel:wecom", "第 5 条");
        assertEquals(0, fifth.queued());
        assertEquals(1, fifth.skipped().getOrDefault("wecom-cap", 0), fifth.toString());
        at("2026-04-01T10:00");
        assertEquals(1, broadcast("四月的第一条"), "a new month, a new allowance");
        api.awaitCalls("externalcontact/add_msg_template", 5);

        var figures = shop.get("/api/campaigns/broadcast").json();
        assertEquals(0, figures.path("delivered").asInt(), "tasks are pending until the staff member sends them");
        assertEquals(5, figures.path("pending").asInt(), figures.toString());
        assertEquals(1, figures.path("skipped").path("wecom-cap").asInt(), figures.toString());
        api.taskResult("msg1", WANG, 1);
        api.taskResult("msg2", WANG, 1);
        api.taskResult("msg3", WANG, 2);
        assertEquals(4, shop.liuke.channels().wecomTasks().tick(), "two sent, one not a contact, the March 22 task given up");
        figures = shop.get("/api/campaigns/broadcast").json();
        assertEquals(2, figures.path("delivered").asInt(), figures.toString());
        assertEquals(2, figures.path("failed").asInt(), figures.toString());
        assertEquals(1, figures.path("pending").asInt(), figures.toString());
        shop.clock.advance(Duration.ofDays(4));
        assertEquals(1, shop.liuke.channels().wecomTasks().tick(), "tasks nobody sent in three days are given up");
        assertEquals(3, shop.get("/api/campaigns/broadcast").json().path("failed").asInt());
    }

    @Test
    void theGateLooksAgainAtSendingTime_soRowsQueuedBeforeTheCapWasReachedWait() {
        at("2026-03-02T10:00");
        post(wecom.contact("add_external_contact", OWNER, WANG, ""));
        shop.awaitInboxDone();
        shop.liuke.database().useTransaction(h -> {
            long id = h.queryLong("SELECT customer_id FROM channel_identity WHERE external_id = :id", "id", WANG);
            for (int i = 0; i < 4; i++) {
                h.update("""
                        INSERT INTO outbox (channel, chat_id, idempotency_key, kind, payload, customer_id, status, not_before,
                                            created_at, sent_at, purpose, campaign)
                        VALUES ('wecom', :chat, :key, 'text', '{}', :id, 'sent', 0, :at, :at, 'marketing', 'broadcast')""",
                        "chat", WANG, "key", "earlier-" + i, "id", id, "at", shop.clock.instant().getEpochSecond() - 3600);
            }
            h.update("UPDATE customer SET tier = 'A'");
        });
        assertEquals(0, broadcast("第五条"), "planning already counts them");
    }
}
