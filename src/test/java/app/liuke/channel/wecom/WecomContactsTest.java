package app.liuke.channel.wecom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.FakeWecomApi;
import app.liuke.support.WecomShopTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Staff members' external contacts (客户联系): welcomed once, linked and classified, losses become to-dos. */
class WecomContactsTest extends WecomShopTest {
    private static final String WANG = "wmWangFang000001";

    private long customer(String external) {
        return shop.queryLong("SELECT customer_id FROM channel_identity WHERE channel = 'wecom' AND external_id = :id", "id", external);
    }

    @Test
    void aNewContact_isLinkedOwnedAndSourced_andWelcomedOnce_evenWhenWecomDeliversTheEventAgain() {
        api.contact(WANG, "王芳", null);
        String added = wecom.contact("add_external_contact", OWNER, WANG, "<State>store_xujiahui</State><WelcomeCode>CODE1</WelcomeCode>");
        post(added);
        post(added);
        var welcome = api.awaitCalls("externalcontact/send_welcome_msg", 1).get(0);
        assertEquals("CODE1", welcome.body().path("welcome_code").asText());
        assertTrue(welcome.body().path("text").path("content").asText().contains("王芳"), welcome.body().toString());
        var card = shop.get("/api/customers/" + customer(WANG)).json();
        assertEquals("王芳", card.path("customer").path("name").asText());
        assertEquals("wecom:store_xujiahui", card.path("customer").path("source").asText());
        assertEquals(OWNER, card.path("customer").path("ownerStaff").asText());
        assertEquals("potential", card.path("customer").path("stage").asText(), "classified as they arrive");
        assertEquals("added", card.path("contactEvents").get(0).path("kind").asText());

        post(wecom.contact("add_external_contact", "LiSi", WANG, "<WelcomeCode>CODE2</WelcomeCode>"));  // a second staff member adds her
        shop.awaitInboxDone();
        shop.liuke.channels().dispatcher().runOnce();
        assertEquals(1, api.calls("externalcontact/send_welcome_msg").size(), "the welcome is never sent twice");
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer"));
    }

    @Test
    void aWelcomeCodeThatLapsed_isSkippedWithAReason() {
        api.failNext("externalcontact/send_welcome_msg", 41051, 1);
        post(wecom.contact("add_external_contact", OWNER, WANG, "<WelcomeCode>OLD</WelcomeCode>"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (shop.queryLong("SELECT count(*) FROM outbox WHERE payload LIKE '%welcomeCode%' AND status = 'skipped'") == 0
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, shop.queryLong("SELECT count(*) FROM outbox WHERE payload LIKE '%welcomeCode%' AND status = 'skipped'"
                + " AND reason LIKE 'welcome-code-lapsed%'"));
        var gateway = new WecomContactGateway(shop.liuke.channels().wecom().api(), shop.liuke.database(), shop.clock);
        var lapsed = new app.liuke.channel.Outbound.Welcome(app.liuke.channel.ChatRef.privateChat("wecom", WANG), "C", "hi",
                shop.clock.instant().getEpochSecond() - 1);
        assertEquals(new app.liuke.channel.Delivery.Skipped("welcome-code-lapsed"), gateway.deliver(lapsed));
    }

    @Test
    void aCustomerWhoDeletesTheirStaffMember_isAChurnSignal_onTheCard_andATaskForTheManager() {
        post(wecom.contact("add_external_contact", OWNER, WANG, ""));
        shop.awaitInboxDone();
        post(wecom.contact("del_follow_user", OWNER, WANG, ""));
        shop.awaitInboxDone();
        long id = customer(WANG);
        var card = shop.get("/api/customers/" + id).json();
        assertEquals("customer-deleted-staff", card.path("contactEvents").get(0).path("kind").asText(), card.toString());
        assertEquals(1, shop.queryLong("SELECT count(*) FROM follow_up_task WHERE kind = 'lost-contact' AND closed_at IS NULL"));
        var todo = shop.get("/api/todo").json();
        assertTrue(todo.toString().contains("LOST_CONTACT"), todo.toString());
        String chatCard = content(say(OWNER, "/customer #" + id, 1).get(0));
        assertTrue(chatCard.contains("删除了员工"), chatCard);
        String list = content(say(OWNER, "/todo", 2).get(1));
        assertTrue(list.contains("企业微信里删除了员工"), list);

        post(wecom.contact("del_external_contact", OWNER, WANG, ""));
        post(wecom.contact("edit_external_contact", OWNER, WANG, ""));
        post(wecom.contact("transfer_fail", OWNER, WANG, "<FailReason>customer_refused</FailReason>"));
        shop.awaitInboxDone();
        assertEquals(5, shop.queryLong("SELECT count(*) FROM contact_event WHERE customer_id = :id", "id", id));
        String told = content(api.await(calls -> api.appMessagesTo(OWNER).size() >= 3, "transfer_fail").stream()
                .filter(call -> call.method().equals("message/send")).filter(call -> content(call).contains("转接失败")).findFirst()
                .orElseThrow());
        assertTrue(told.contains("customer_refused"), told);
    }

    @Test
    void aContactsUnionid_joinsTheirWechatRecord() {
        shop.liuke.database().useTransaction(h -> {
            long id = h.insert("INSERT INTO customer (name, created_at, updated_at) VALUES ('Lin', 0, 0)");
            h.update("INSERT INTO channel_identity (channel, external_id, customer_id, created_at, union_id)"
                    + " VALUES ('wechat', 'oLinOnWechat0001', :id, 0, 'oUnionLin')", "id", id);
        });
        api.contact(WANG, "Lin", "oUnionLin");
        post(wecom.contact("add_external_contact", OWNER, WANG, ""));
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM customer"));
        assertEquals(customer(WANG), shop.queryLong("SELECT customer_id FROM channel_identity WHERE channel = 'wechat'"));
    }

    @Test
    void aStaffMemberWhoLeaves_hasTheirCustomersReassigned_inChatAndByTheApi() {
        say(OWNER, "/staff add wecom:LiSi staff 李四", 1);
        say(OWNER, "/staff add wecom:WangWu staff 王五", 2);
        post(wecom.contact("add_external_contact", "LiSi", WANG, ""));
        post(wecom.contact("add_external_contact", "LiSi", "wmSecond0000002", ""));
        shop.awaitInboxDone();
        String moved = content(say(OWNER, "/assign 全部 李四 王五", 3).get(2));
        assertTrue(moved.contains("2"), moved);
        long lisi = shop.queryLong("SELECT id FROM staff WHERE name = '李四'");
        long wangwu = shop.queryLong("SELECT id FROM staff WHERE name = '王五'");
        assertEquals(2, shop.queryLong("SELECT count(*) FROM customer WHERE owner_staff_id = :id", "id", wangwu));
        var back = shop.post("/api/staff/" + wangwu + "/reassign", "{\"to\": " + lisi + "}");
        assertEquals(200, back.status(), back.body());
        assertEquals(2, back.json().path("moved").asInt());
        assertEquals(404 == shop.post("/api/staff/999/reassign", "{\"to\": 1}").status() ? 404 : 400,
                shop.post("/api/staff/999/reassign", "{\"to\": 1}").status());
    }
}
