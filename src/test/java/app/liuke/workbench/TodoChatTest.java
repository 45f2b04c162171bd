package app.liuke.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * /todo through the webhook and the fake Bot API: a staff member's list with every reason, the 📝
 * button that logs a follow-up from the next message, the card button, the managers' view, and refusals.
 */
class TodoChatTest extends WorkbenchTestBase {
    @Test
    void theListNamesEveryReason_mostUrgentFirst_withButtons() {
        var todo = ask(WANG, "/todo");
        String[] lines = todo.text().split("\n");
        assertEquals("📋 小王的待办：5 位顾客（第 1/1 页）", lines[0], todo.text());
        assertEquals("1. #" + sun + " 孙七 — 差评待处理（2 天）", lines[1], "a low score comes first; not escalated before 24 h + 3 days");
        assertEquals("2. #" + zhang + " 张三 — 从未回访（建档 42 天） · 登记 42 天还没消费 ⚠️已上报店长", lines[2]);
        assertEquals("3. #" + li + " 李四 — 38 天未回访 · 54 天未复购 ⚠️已上报店长", lines[3]);
        assertEquals("4. #" + zhao + " 赵六 — 面霜差不多用完了（60 天前买的）", lines[4]);
        assertEquals("5. #" + wu + " 王五 — 🎂 03-18 生日", lines[5]);
        assertEquals(6, lines.length, "周八 opted out and is left alone: " + todo.text());
        assertEquals(List.of("todo|n|" + sun, "todo|c|" + sun, "todo|n|" + zhang, "todo|c|" + zhang, "todo|n|" + li, "todo|c|" + li,
                "todo|n|" + zhao, "todo|c|" + zhao, "todo|n|" + wu, "todo|c|" + wu), todo.buttons());
        assertEquals(todo.text(), ask(WANG, "待办").text(), "the Chinese word works too");
    }

    @Test
    void anOwnerWithNoCustomersOfTheirOwn_seesTheShopsList_notAFalseAllClear() {
        var todo = ask(TestShop.OWNER_ID, "/todo");
        assertTrue(todo.text().startsWith("📋 全店的待办：5 位顾客"), todo.text());
        assertTrue(todo.text().contains("孙七") && todo.text().contains("张三"), todo.text());
        assertFalse(todo.text().contains("都照顾到了"), todo.text());
    }

    @Test
    void theNoteButton_logsTheNextMessageAsAFollowUp_andClosesALowScoreTask() {
        assertTrue(press(WANG, "todo|n|" + zhang).text().contains("请直接输入对 张三 的回访内容"));
        assertEquals("已为 张三 记下回访：电话回访，很满意", ask(WANG, "电话回访，很满意").text());
        assertEquals(1, shop.queryLong("SELECT count(*) FROM follow_up WHERE customer_id = :c AND staff_id = :s AND method = 'phone'",
                "c", zhang, "s", wangId));

        press(WANG, "todo|n|" + sun);
        ask(WANG, "到店道歉，送了小样");
        assertEquals(1, shop.queryLong("SELECT count(*) FROM follow_up_task WHERE customer_id = :c AND closed_by = :s", "c", sun, "s", wangId),
                "logging the follow-up closes the customer's low-score task");

        String after = ask(WANG, "/todo").text();
        assertTrue(after.startsWith("📋 小王的待办：3 位顾客"), after);
        assertFalse(after.contains("张三") || after.contains("孙七"), after);

        press(WANG, "todo|n|" + li);
        ask(WANG, "/cancel");
        ask(WANG, "随便说点什么");
        assertEquals(0, shop.queryLong("SELECT count(*) FROM follow_up WHERE customer_id = :c AND content LIKE '随便%'", "c", li),
                "after /cancel the next message is not a note");

        press(WANG, "todo|n|" + li);
        shop.clock.advance(java.time.Duration.ofHours(1));
        assertTrue(ask(WANG, "电话").text().contains("已过期"), "a note waits 30 minutes");
        assertEquals(1, shop.queryLong("SELECT count(*) FROM follow_up WHERE customer_id = :c", "c", li));
    }

    @Test
    void theCardButton_showsTheCustomer() {
        String card = press(WANG, "todo|c|" + zhao).text();
        assertTrue(card.startsWith("#" + zhao + " 赵六"), card);
        assertTrue(card.contains("负责员工：小王"), card);
    }

    @Test
    void theManagersView_showsEachMembersLoad_andWhatEscalated() {
        String team = ask(MANAGER, "/todo team").text();
        assertTrue(team.startsWith("👥 一组：3 位顾客回访逾期"), team);
        assertTrue(team.contains("· 小王：逾期 3 位，其中 2 位已上报"), "孙七's task is past its 24 hours but not escalated: " + team);
        assertTrue(team.contains("2. #" + li + " 李四（负责人 小王） — 38 天未回访 · 54 天未复购 ⚠️已上报店长"), team);
        assertFalse(team.contains("孙七"), "the low score is not overdue long enough to escalate: " + team);

        shop.clock.advance(java.time.Duration.ofDays(3));          // 孙七's task: 5 days open > 24 h + 3 days
        assertTrue(ask(MANAGER, "/todo team").text().contains("孙七（负责人 小王） — 差评待处理（5 天） ⚠️已上报店长"));

        String refused = ask(WANG, "/todo team").text();
        assertTrue(refused.contains("/todo team") && refused.contains("店长"), "staff are refused politely: " + refused);
        String customer = ask(8123, "/todo").text();
        assertFalse(customer.contains("待办："), "a customer sees no list: " + customer);
        assertTrue(ask(WANG, "/todo 张三").text().startsWith("用法"), "an unknown argument gets the usage");
    }

    @Test
    void anEmptyList_saysSo_andPagesTurnWithButtons() {
        ask(TestShop.OWNER_ID, "/staff add 7999 staff 小李");
        String newcomer = ask(7999, "/todo").text();
        assertTrue(newcomer.startsWith("🎉 小李"), "staff with nothing due hear so: " + newcomer);

        at("2026-02-01T10:00");
        for (int i = 0; i < 8; i++) {
            customer("{\"name\": \"新客" + i + "\", \"ownerStaffId\": " + wangId + "}");
        }
        at("2026-03-15T10:00");
        var first = ask(WANG, "/todo");
        assertTrue(first.text().startsWith("📋 小王的待办：13 位顾客（第 1/2 页）"), first.text());
        assertEquals("todo|p|2", first.buttons().get(first.buttons().size() - 1));
        int edits = api.calls("editMessageText").size();
        shop.webhook(Updates.buttonPress(Updates.nextId(), WANG, "小王", "todo|p|2", 99));
        var edit = api.await(calls -> api.calls("editMessageText").size() > edits, "the page turn").stream()
                .filter(call -> call.method().equals("editmessagetext")).reduce((a, b) -> b).orElseThrow();
        assertTrue(edit.text().startsWith("📋 小王的待办：13 位顾客（第 2/2 页）"), edit.text());
        assertTrue(edit.text().contains("\n11. "), "numbering goes on from page 1: " + edit.text());
        assertTrue(edit.buttonData().contains("todo|p|1"), "and back: " + edit.buttonData());
    }

    @Test
    void aDormantCustomer_isListedUntilReactivationStarts() {
        long qian = customer("{\"name\": \"钱九\", \"ownerStaffId\": " + wangId + "}");
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + qian + ", \"amount\": 80, \"date\": \"2025-12-01\"}").status());
        shop.liuke.classification().sweep();
        assertEquals("dormant", shop.liuke.database().read(h -> h.queryOne("SELECT stage FROM customer WHERE id = :id",
                row -> row.getString(1), "id", qian)).orElseThrow());
        assertTrue(ask(WANG, "/todo").text().contains("#" + qian + " 钱九 — 沉睡 104 天，还没唤醒"));

        shop.liuke.database().useTransaction(handle -> handle.insert("""
                INSERT INTO reactivation (customer_id, kind, started_at, step) VALUES (:c, 'dormant', :now, 1)""",
                "c", qian, "now", shop.clock.instant().getEpochSecond()));
        assertFalse(ask(WANG, "/todo").text().contains("钱九"), "the reactivation campaign has it in hand");
    }
}
