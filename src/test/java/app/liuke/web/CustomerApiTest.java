package app.liuke.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.WebShopTest;
import org.junit.jupiter.api.Test;

class CustomerApiTest extends WebShopTest {
    private long createWangFang() {
        var created = shop.post("/api/customers", """
                {"name": "王芳", "phone": "138 0013 8000", "birthday": "1990年3月5日", "gender": "女",
                 "tags": ["VIP", "喜欢珍珠"], "store": "南京西路店", "notes": "只戴足金"}""");
        assertEquals(201, created.status(), created.body());
        return created.json().at("/customer/id").asLong();
    }

    @Test
    void newCustomer_isCreatedWithNormalisedPhoneAndBirthday() {
        var created = shop.post("/api/customers", """
                {"name": "王芳", "phone": "138 0013 8000", "birthday": "1990年3月5日", "gender": "女", "tags": ["VIP"]}""");
        assertEquals(201, created.status(), created.body());
        var customer = created.json().get("customer");
        assertEquals("created", created.json().get("outcome").asText());
        assertEquals("+8613800138000", customer.get("phone").asText());
        assertEquals("1990-03-05", customer.get("birthday").asText());
        assertEquals("female", customer.get("gender").asText());
        assertEquals("2026-03-15T10:00:00+08:00", customer.get("createdAt").asText());
    }

    @Test
    void samePhoneWrittenDifferently_updatesTheCustomerInsteadOfDoublingIt() {
        long id = createWangFang();
        var again = shop.post("/api/customers", "{\"name\": \"王芳\", \"phone\": \"+86-138-0013-8000\"}");
        assertEquals(200, again.status(), again.body());
        assertEquals("unchanged", again.json().get("outcome").asText());
        assertEquals(id, again.json().at("/customer/id").asLong());
        var changed = shop.post("/api/customers", "{\"phone\": \"0086 13800138000\", \"tags\": [\"婚庆\"]}");
        assertEquals("updated", changed.json().get("outcome").asText());
        assertEquals("[\"VIP\",\"喜欢珍珠\",\"婚庆\"]", changed.json().at("/customer/tags").toString());
        assertEquals(1, shop.count("customer"));
    }

    @Test
    void twoRecordsOfOnePerson_areMergedWithTheirPurchases() {
        long byPhone = createWangFang();
        var byTelegram = shop.post("/api/customers", """
                {"name": "Fang", "identities": [{"channel": "telegram", "id": "424242"}], "tags": ["团购"]}""");
        long telegramId = byTelegram.json().at("/customer/id").asLong();
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + telegramId + ", \"amount\": 399}").status());
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + byPhone + ", \"amount\": 1280.50}").status());

        var merged = shop.post("/api/customers", """
                {"phone": "13800138000", "identities": [{"channel": "telegram", "id": "424242"}]}""");

        assertEquals("merged", merged.json().get("outcome").asText(), merged.body());
        assertEquals(1, shop.count("customer"));
        var response = shop.get("/api/customers/" + byPhone);
        assertTrue(response.body().contains("\"total\":1679.50"), response.body());
        var card = response.json();
        assertEquals("王芳", card.at("/customer/name").asText());
        assertEquals(2, card.at("/customer/purchases/count").asInt());
        assertEquals(15, card.at("/customer/points").asInt(), "3 + 12 points: the ledger moved with the purchases");
        assertEquals("B", card.at("/customer/tier").asText(), "two purchases together: repeat customer");
        assertEquals("repeat", card.at("/classification/stage").asText());
        assertEquals("424242", card.at("/customer/identities/0/id").asText());
        assertTrue(card.at("/customer/tags").toString().contains("团购"));
        assertEquals(404, shop.get("/api/customers/" + telegramId).status());
        assertEquals(1, shop.count("customer_merge"));
    }

    @Test
    void search_findsByNamePhoneDigitsAndTag_aPageAtATime() {
        createWangFang();
        shop.post("/api/customers", "{\"name\": \"王小明\", \"phone\": \"13912345678\"}");
        shop.post("/api/customers", "{\"name\": \"李娜\", \"phone\": \"15000001111\", \"tags\": [\"VIP\"]}");

        assertEquals(2, shop.get("/api/customers?q=%E7%8E%8B").json().get("total").asInt());
        assertEquals("王小明", shop.get("/api/customers?q=23456").json().at("/items/0/name").asText(), "part of a number");
        assertEquals("王小明", shop.get("/api/customers?q=5678").json().at("/items/0/name").asText(), "the last four digits");
        assertEquals(0, shop.get("/api/customers?q=1234").json().get("total").asInt(), "four digits are the last four");
        assertEquals("王芳", shop.get("/api/customers?q=%2B86%20138-0013-8000").json().at("/items/0/name").asText(), "a whole number");
        assertEquals(2, shop.get("/api/customers?q=VIP").json().get("total").asInt());
        assertEquals(1, shop.get("/api/customers?tag=VIP&q=%E6%9D%8E").json().get("total").asInt());
        var page2 = shop.get("/api/customers?size=2&page=2").json();
        assertEquals(3, page2.get("total").asInt());
        assertEquals(1, page2.get("items").size());
        assertEquals("李娜", page2.at("/items/0/name").asText());
        assertEquals(0, shop.get("/api/customers?q=%25").json().get("total").asInt(), "a % is a character, not a wildcard");
    }

    @Test
    void patch_changesOnlyTheGivenFields_andRefusesAPhoneThatBelongsToSomeoneElse() {
        long id = createWangFang();
        shop.post("/api/customers", "{\"name\": \"李娜\", \"phone\": \"15000001111\"}");
        var patched = shop.patch("/api/customers/" + id, "{\"notes\": \"改戴K金\", \"tags\": [\"老买家\"], \"optedOut\": true}");
        assertEquals(200, patched.status(), patched.body());
        assertEquals("改戴K金", patched.json().get("notes").asText());
        assertEquals("[\"老买家\"]", patched.json().get("tags").toString());
        assertTrue(patched.json().get("optedOut").asBoolean());
        assertEquals("1990-03-05", patched.json().get("birthday").asText());

        var cleared = shop.patch("/api/customers/" + id, "{\"birthday\": \"\", \"store\": \" \"}");
        assertTrue(cleared.json().get("birthday").isNull(), cleared.body());
        assertTrue(cleared.json().get("store").isNull(), cleared.body());
        assertEquals("改戴K金", cleared.json().get("notes").asText(), "fields not sent stay");

        var clash = shop.patch("/api/customers/" + id, "{\"phone\": \"150 0000 1111\", \"notes\": \"x\"}");
        assertEquals(409, clash.status());
        assertEquals("conflict", clash.json().get("error").asText());
        assertEquals("改戴K金", shop.get("/api/customers/" + id).json().at("/customer/notes").asText());
    }

    @Test
    void purchaseWithPastDate_updatesTheCustomersAggregatesAtOnce() {
        long id = createWangFang();
        var first = shop.post("/api/purchases", """
                {"phone": "13800138000", "amount": 2680, "date": "2025-12-24 15:30", "items": ["金手链"], "ref": "R-1001"}""");
        assertEquals(201, first.status(), first.body());
        assertEquals("2025-12-24T15:30:00+08:00", first.json().get("date").asText());
        shop.post("/api/purchases", "{\"customerId\": " + id + ", \"amount\": 399.5}");

        var response = shop.get("/api/customers/" + id);
        assertTrue(response.body().contains("\"total\":3079.50"), response.body());
        var customer = response.json();
        assertEquals(2, customer.at("/customer/purchases/count").asInt());
        assertEquals("2025-12-24T15:30:00+08:00", customer.at("/customer/purchases/first").asText());
        assertEquals("2026-03-15T10:00:00+08:00", customer.at("/customer/purchases/last").asText());
        assertEquals("R-1001", customer.at("/recentPurchases/1/ref").asText());
    }

    @Test
    void sameReceiptTwice_isRefusedAndRecordedOnce() {
        createWangFang();
        String sale = "{\"phone\": \"13800138000\", \"amount\": 100, \"ref\": \"R-7\"}";
        assertEquals(201, shop.post("/api/purchases", sale).status());
        var again = shop.post("/api/purchases", sale);
        assertEquals(409, again.status());
        assertTrue(again.json().get("detail").asText().contains("R-7"));
        assertEquals(1, shop.count("purchase"));
    }

    @Test
    void anonymousSale_isRecordedWithoutACustomer() {
        assertEquals(201, shop.post("/api/purchases", "{\"amount\": 88}").status());
        assertEquals(1, shop.count("purchase"));
        assertEquals(0, shop.count("customer"));
    }

    @Test
    void followUps_areLoggedAndListedNewestFirst() {
        long id = createWangFang();
        var logged = shop.post("/api/customers/" + id + "/follow-ups",
                "{\"method\": \"电话\", \"content\": \"问候生日，邀请到店领礼物\", \"date\": \"2026-03-01\"}");
        assertEquals(201, logged.status(), logged.body());
        shop.post("/api/customers/" + id + "/follow-ups", "{\"content\": \"发了新品图\"}");
        var list = shop.get("/api/customers/" + id + "/follow-ups").json();
        assertEquals("发了新品图", list.get(0).get("content").asText());
        assertEquals("phone", list.get(1).get("method").asText());
    }

    @Test
    void hostileText_isStoredAndEchoedSafely() {
        String hostile = "<script>alert(1)</script>'; DROP TABLE customer;--";
        var created = shop.post("/api/customers", "{\"name\": \"" + hostile.replace("\"", "\\\"") + "\", \"phone\": \"13700000000\"}");
        assertEquals(201, created.status(), created.body());
        assertTrue(created.contentType().startsWith("application/json"));
        assertEquals(hostile, created.json().at("/customer/name").asText());
        assertEquals(1, shop.count("customer"));
    }

    @Test
    void healthAndMetrics_answerWithoutAToken() {
        var health = shop.send("GET", "/health", null, null);
        assertEquals(200, health.status());
        assertEquals("up", health.json().at("/store/status").asText());
        assertEquals("disabled", health.json().at("/channels/telegram/status").asText());
        createWangFang();
        var metrics = shop.send("GET", "/metrics", null, null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("liuke_customers 1.0"), metrics.body());
        assertTrue(metrics.body().contains("route=\"/api/customers\""), metrics.body());
    }

    @Test
    void unknownCustomerAndUnknownRoute_areJson404s() {
        var missing = shop.get("/api/customers/999");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.json().get("error").asText());
        assertFalse(missing.json().get("detail").asText().isEmpty());
        assertEquals(404, shop.get("/api/nothing-here").status());
        assertEquals("not_found", shop.get("/api/nothing-here").json().get("error").asText());
    }
}
