package app.liuke.channel.wecom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Outbound;
import app.liuke.support.FakeWecomApi;
import app.liuke.support.WecomShopTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Customer groups (客户群): registered from the app, members kept current, posts through the group robot at its pace. */
class WecomGroupsTest extends WecomShopTest {
    private long members(String where) {
        return shop.queryLong("SELECT count(*) FROM group_member m JOIN chat_group g ON g.id = m.group_id WHERE g.chat_id = :chat AND "
                + where, "chat", GROUP);
    }

    @Test
    void aRegisteredGroupsMembers_joinAndLeaveWithItsChanges_countAsActivity_andItsRobotWelcomesNewcomers() {
        api.group(GROUP, Map.of("wmWang00000001", "王芳", "wmLi0000000002", "李雷"));
        post(wecom.appText(OWNER, "/group register " + GROUP));
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM chat_group WHERE channel = 'wecom-group' AND chat_id = :c", "c", GROUP));
        assertEquals(2, members("m.left_at IS NULL AND m.joined_at IS NOT NULL"));
        var posts = api.awaitCalls("webhook/send", 3);   // the registration, then a welcome for each newcomer
        assertEquals(ROBOT_KEY, posts.get(0).key());
        assertTrue(posts.get(0).body().path("text").path("content").asText().contains("登记"), posts.toString());
        assertTrue(posts.stream().anyMatch(call -> call.body().path("text").path("content").asText().contains("王芳")), posts.toString());
        assertEquals(2, shop.queryLong("SELECT count(*) FROM customer WHERE last_group_activity_at IS NOT NULL"));

        shop.clock.advance(Duration.ofDays(1));
        api.group(GROUP, Map.of("wmWang00000001", "王芳", "wmZhao00000003", "赵敏"));
        post(wecom.group("update", GROUP, "add_member"));
        shop.awaitInboxDone();
        assertEquals(2, members("m.left_at IS NULL"));
        assertEquals(1, members("m.left_at IS NOT NULL"), "李雷 left");
        assertTrue(api.awaitCalls("webhook/send", 4).get(3).body().path("text").path("content").asText().contains("赵敏"));
        long leftAt = shop.queryLong("SELECT last_group_activity_at FROM customer WHERE name = '李雷'");
        assertEquals(shop.clock.instant().getEpochSecond(), leftAt, "leaving counts as activity too");

        post(wecom.group("update", "wrNotRegistered0000", "add_member"));
        post(wecom.group("dismiss", GROUP, null));
        shop.awaitInboxDone();
        assertEquals(0, shop.queryLong("SELECT active FROM chat_group WHERE chat_id = :c", "c", GROUP));
        assertEquals(1, shop.queryLong("SELECT count(*) FROM chat_group"), "an unregistered group is not taken on");
    }

    @Test
    void aBurstOf200PostsGoesOutAt20AMinute_noneDropped_measuredOnTheShopClock() {
        var outbox = shop.liuke.channels().outbox();
        Instant start = shop.clock.instant();
        shop.liuke.database().useTransaction(h -> {
            for (int i = 1; i <= 200; i++) {
                outbox.enqueue(h, new Outbound.SendText(new ChatRef("wecom-group", GROUP, true), "群公告 " + i), "burst:" + i, null, start);
            }
        });
        shop.liuke.channels().dispatcher().wake();
        for (int minute = 1; minute <= 10; minute++) {
            int expected = 20 * minute;
            api.await(calls -> api.calls("webhook/send").size() >= expected, expected + " robot posts");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (shop.queryLong("SELECT count(*) FROM outbox WHERE channel = 'wecom-group' AND status = 'sent'") < expected
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();   // a row is marked sent just after the robot took it
            }
            assertEquals(expected, api.calls("webhook/send").size(), "no more than 20 in minute " + minute);
            shop.clock.advance(Duration.ofSeconds(60));
            shop.liuke.channels().dispatcher().wake();
        }
        List<FakeWecomApi.Call> posts = api.calls("webhook/send");
        assertEquals(200, posts.size());
        for (int i = 20; i < posts.size(); i++) {
            assertTrue(!posts.get(i).at().isBefore(posts.get(i - 20).at().plusSeconds(60)),
                    "post " + i + " came within a minute of post " + (i - 20));
        }
        var texts = new ArrayList<String>();
        posts.forEach(post -> texts.add(post.body().path("text").path("content").asText()));
        assertEquals(200, texts.stream().distinct().count(), "each once");
        assertEquals("群公告 1", texts.get(0));
        assertEquals("群公告 200", texts.get(199), "in order");
    }

    @Test
    void aLongPostIsSplitTo2048Bytes_and45009BacksOff() {
        String longText = "老顾客专享活动说明。".repeat(300);   // 3,000 characters, 9,000 bytes
        api.failNext("webhook/send", 45009, 1);
        shop.liuke.database().useTransaction(h -> shop.liuke.channels().outbox().enqueue(h,
                new Outbound.SendText(new ChatRef("wecom-group", GROUP, true), longText), "long", null, shop.clock.instant()));
        shop.liuke.channels().dispatcher().wake();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (shop.queryLong("SELECT count(*) FROM outbox WHERE reason = 'paced'") == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, api.calls("webhook/send").size(), "45009: the robot waits a minute");
        shop.clock.advance(Duration.ofSeconds(61));
        shop.liuke.channels().dispatcher().wake();
        var posts = api.await(calls -> api.calls("webhook/send").size() >= 5, "the parts").stream()
                .filter(call -> call.method().equals("webhook/send")).toList();
        var joined = new StringBuilder();
        for (var post : posts) {
            String part = post.body().path("text").path("content").asText();
            assertTrue(part.getBytes(StandardCharsets.UTF_8).length <= 2048, part.length() + " characters");
            joined.append(part);
        }
        assertEquals(longText, joined.toString());
    }
}
