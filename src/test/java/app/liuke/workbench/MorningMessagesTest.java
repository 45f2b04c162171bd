package app.liuke.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.outbox.Outbox;
import app.liuke.support.TestShop;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scheduled side of the workbench: at 09:00 each staff member hears how much waits and a manager
 * hears what escalated; at 08:30 managers and owners get yesterday's digest. Once a day each, not
 * at night after downtime; delivered through the outbox and the fake Bot API.
 */
class MorningMessagesTest extends WorkbenchTestBase {

    private List<String> texts(long user, int count) {
        return api.awaitSent(String.valueOf(user), count).stream().map(call -> call.text()).toList();
    }

    @Test
    void remindersEscalationAndTheDigest_comeOnceADay() {
        // 15 March: 孙七 buys again (a second purchase: tier C → B), a walk-in buys without a card, a new customer registers.
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + sun + ", \"amount\": 100}").status());
        assertEquals(201, shop.post("/api/purchases", "{\"amount\": 50}").status());
        customer("{\"name\": \"新客\"}");

        at("2026-03-16T08:00");
        assertEquals(List.of(), shop.liuke.workbench().tick(), "nothing before 08:30");
        at("2026-03-16T09:00");
        assertEquals(List.of("remind", "digest"), shop.liuke.workbench().tick());

        String wang = texts(WANG, 1).get(0);
        assertEquals("☀️ 小王，早上好！今天有 5 位顾客等您跟进，其中 3 位回访已逾期。发送 /todo 查看。", wang);
        List<String> manager = texts(MANAGER, 2);
        String escalation = manager.stream().filter(text -> text.startsWith("⚠️")).findFirst().orElseThrow();
        assertEquals("⚠️ 小李，以下顾客的回访已逾期超过 3 天（共 2 位），请督促跟进：\n"
                + "1. #" + zhang + " 张三（负责人 小王） — 从未回访（建档 42 天） · 登记 42 天还没消费 ⚠️已上报店长\n"
                + "2. #" + li + " 李四（负责人 小王） — 39 天未回访 · 55 天未复购 ⚠️已上报店长\n"
                + "发送 /todo team 查看全部。", escalation);
        String digest = manager.stream().filter(text -> text.startsWith("📰")).findFirst().orElseThrow();
        assertEquals("""
                📰 2026-03-15 日报
                销售 ¥150.00，2 笔，其中会员 1 笔（登记率 50.0%）
                新登记 1 位 · 回访 0 次
                等级：升级 1 位，降级 0 位
                活动送达：无
                收到活动消息后回店消费 0 位
                满意度 - · NPS -
                差评 0 条，待处理差评共 1 条""", digest);
        List<String> owner = texts(TestShop.OWNER_ID, 2);
        assertTrue(owner.contains(digest), "the owner gets the digest too: " + owner);

        assertEquals(List.of(), shop.liuke.workbench().tick(), "once a day");
        at("2026-03-17T16:00");
        assertEquals(List.of(), shop.liuke.workbench().tick(), "more than six hours late: wait for tomorrow, not the evening");
        at("2026-03-18T08:45");
        assertEquals(List.of("digest"), shop.liuke.workbench().tick());
        assertTrue(texts(MANAGER, 3).get(2).startsWith("📰 2026-03-17 日报"));
        assertEquals(1, api.sentTo(String.valueOf(WANG)).size(), "no reminder on the 17th (too late) nor yet on the 18th");
        assertEquals(7, shop.queryLong("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'remind:%' OR idempotency_key LIKE 'escalate:%'"
                + " OR idempotency_key LIKE 'digest:%'"), "16th: 1 reminder, 2 escalations (小李, the owner), 2 digests; 18th: 2 digests");
    }

    /**
     * At a million customers the morning takes seconds to work out. Meanwhile a sale at the counter must
     * go through: the messages are worked out in a read, and only queuing them is written. Here the
     * working out is held at its first text until the sale is in.
     */
    @Test
    void workingOutTheMorning_doesNotHoldUpASaleAtTheCounter() throws Exception {
        var planning = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        TodoLines.Words held = (key, vars) -> {
            planning.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return key;
        };
        var liuke = shop.liuke;
        var morning = new WorkbenchScheduler(liuke.database(), new Outbox(), new Reminders(liuke.todos(), liuke.staff(), held),
                new DailyDigest(liuke.reports(), liuke.staff(), held, SHANGHAI), liuke.todos().rules(), SHANGHAI, shop.clock, () -> { });
        at("2026-03-16T09:00");
        var pool = Executors.newFixedThreadPool(2);
        try {
            var ran = pool.submit(morning::tick);
            assertTrue(planning.await(10, TimeUnit.SECONDS), "the reminders are being worked out");
            var sale = pool.submit(() -> shop.post("/api/purchases", "{\"customerId\": " + li + ", \"amount\": 80}").status());
            assertEquals(201, sale.get(10, TimeUnit.SECONDS), "the sale went through while the morning was worked out");
            release.countDown();
            assertEquals(List.of("remind", "digest"), ran.get(10, TimeUnit.SECONDS));
            assertEquals(1, shop.queryLong("SELECT count(*) FROM outbox WHERE idempotency_key = 'remind:" + wangId + ":2026-03-16'"));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
