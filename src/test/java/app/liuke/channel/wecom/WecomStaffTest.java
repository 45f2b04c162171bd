package app.liuke.channel.wecom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.FakeWecomApi;
import app.liuke.support.WecomShopTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Staff who work from the WeCom app: bound by userid, every staff command, reminders as text cards. */
class WecomStaffTest extends WecomShopTest {
    private static final String LISI = "LiSi";

    @Test
    void theOwnerFromConfig_addsStaffByUserid_andTheyWorkFromTheApp() {
        String todo = content(say(OWNER, "/todo", 1).get(0));
        assertTrue(todo.contains("待办") || todo.contains("照顾"), todo);
        String refused = content(say(LISI, "/sale 13800138000 100", 1).get(0));
        assertTrue(refused.contains("/sale"), refused);
        String yourId = content(say(LISI, "/staff", 3).get(2));
        assertTrue(yourId.contains("wecom:" + LISI), yourId);
        String added = content(say(OWNER, "/staff add wecom:" + LISI + " staff 李四", 2).get(1));
        assertTrue(added.contains("李四"), added);
        assertEquals(201, shop.post("/api/customers", "{\"name\": \"王芳\", \"phone\": \"13800138000\"}").status());
        String sale = content(say(LISI, "/sale 8000 680 耳钉", 4).get(3));
        assertTrue(sale.contains("680") && sale.contains("王芳"), sale);
        String card = content(say(LISI, "/customer 王芳", 5).get(4));
        assertTrue(card.contains("王芳") && card.contains("C"), card);
        String note = content(say(LISI, "/note 8000 电话回访，很满意", 6).get(5));
        assertTrue(note.contains("王芳"), note);
        String stats = content(say(LISI, "/stats", 7).get(6));
        assertTrue(stats.contains("680"), stats);
        assertEquals("1000002", api.appMessagesTo(LISI).get(0).body().path("agentid").asText());
    }

    @Test
    void morningRemindersArriveAsTextCardsLinkingToTheDashboard_andButtonsAreNumbered() {
        assertEquals(201, shop.post("/api/customers", "{\"name\": \"王芳\", \"phone\": \"13800138000\", \"ownerStaffId\": 1}").status());
        shop.clock.set(LocalDateTime.parse("2026-03-25T09:01").atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        shop.liuke.workbench().tick();
        api.await(calls -> api.appMessagesTo(OWNER).size() >= 2, "the digest and the reminder");
        var card = api.appMessagesTo(OWNER).stream().map(FakeWecomApi.Call::body)
                .filter(body -> body.path("textcard").path("title").asText().contains("早上好")).findFirst().orElseThrow();
        assertEquals("textcard", card.path("msgtype").asText(), card.toString());
        assertEquals(DASHBOARD + "/", card.path("textcard").path("url").asText());

        String page = content(say(OWNER, "/todo", 3).get(2));
        assertTrue(page.contains("回复数字") && page.contains("\n1 "), page);
        String logged = content(say(OWNER, "1", 4).get(3));    // the first button: 📝 log the follow-up
        assertTrue(logged.contains("王芳"), logged);
    }
}
