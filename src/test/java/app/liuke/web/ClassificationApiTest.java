package app.liuke.web;

import static app.liuke.support.ShopTime.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TestShop;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationApiTest {
    @TempDir
    Path folder;
    TestShop shop;
    long id;

    @BeforeEach
    void start() {
        shop = TestShop.create(folder).startWeb();
        shop.clock.set(at("2026-03-15 10:00"));
        id = shop.post("/api/customers", "{\"name\": \"王芳\", \"phone\": \"13800138000\"}").json().at("/customer/id").asLong();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void aPurchaseChangesTheTierWithinTheSameRequest_andTheCardSaysWhy() {
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + id + ", \"amount\": 5200}").status());
        var card = shop.get("/api/customers/" + id).json();
        assertEquals("A", card.at("/customer/tier").asText());
        assertEquals(52, card.at("/customer/points").asInt());
        var classification = card.get("classification");
        assertEquals("积分 52（50 分起为 A 级）", classification.get("tierReason").asText());
        assertEquals("new", classification.get("stage").asText());
        assertEquals("2026-09-11T00:00:00+08:00", classification.at("/nextDrop/date").asText());
        assertEquals("B", classification.at("/nextDrop/to").asText());
        assertTrue(classification.at("/nextDrop/reason").asText().contains("2026-09-11"), classification.toString());

        var history = shop.get("/api/customers/" + id + "/history").json();
        var stage = history.get(0);
        var tier = history.get(1);
        assertEquals("stage", stage.get("kind").asText());
        assertEquals("potential", stage.get("from").asText());
        assertEquals("new", stage.get("to").asText());
        assertEquals("首次消费", stage.get("reason").asText());
        assertEquals("tier", tier.get("kind").asText());
        assertEquals("C", tier.get("from").asText());
        assertEquals("A", tier.get("to").asText());
        assertEquals("积分 52（50 分起为 A 级）", tier.get("reason").asText());

        // the dashboard asks in the language it shows
        var english = shop.get("/api/customers/" + id + "?lang=en").json();
        assertEquals("has 52 points (A from 50)", english.at("/classification/tierReason").asText());
        assertEquals("first purchase", shop.get("/api/customers/" + id + "/history?lang=en").json().get(0).get("reason").asText());
        var unknown = shop.get("/api/customers/" + id + "?lang=fr");
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.json().path("detail").asText().contains("fr"), unknown.body());
    }

    @Test
    void managerSetsTheTierByHand_thenBackToAuto() {
        var set = shop.send("PUT", "/api/customers/" + id + "/tier",
                "{\"tier\": \"A\", \"by\": \"张店长\", \"reason\": \"介绍了三位新客\", \"until\": \"2026-06-30\"}", TestShop.TOKEN);
        assertEquals(200, set.status(), set.body());
        assertEquals("A", set.json().get("tier").asText());
        assertEquals("由 张店长 手动设定：介绍了三位新客，有效期至 2026-06-30", set.json().get("tierReason").asText());
        var missingReason = shop.send("PUT", "/api/customers/" + id + "/tier", "{\"tier\": \"B\", \"by\": \"张店长\"}", TestShop.TOKEN);
        assertEquals(400, missingReason.status());
        assertEquals("reason", missingReason.json().get("field").asText());
        var auto = shop.send("PUT", "/api/customers/" + id + "/tier", "{\"tier\": \"auto\", \"by\": \"张店长\"}", TestShop.TOKEN);
        assertEquals("C", auto.json().get("tier").asText());
        var bad = shop.send("PUT", "/api/customers/" + id + "/tier", "{\"tier\": \"S\", \"by\": \"x\", \"reason\": \"y\"}", TestShop.TOKEN);
        assertEquals(400, bad.status());
    }

    @Test
    void pointsAdjustments_areLedgerEntriesWithReasons() {
        var adjusted = shop.post("/api/customers/" + id + "/points", "{\"delta\": 20, \"reason\": \"生日双倍积分\"}");
        assertEquals(201, adjusted.status(), adjusted.body());
        assertEquals(20, adjusted.json().get("points").asInt());
        shop.post("/api/purchases", "{\"customerId\": " + id + ", \"amount\": 1280}");
        var ledger = shop.get("/api/customers/" + id + "/points").json();
        assertEquals("消费 1280.00 元", ledger.get(0).get("reason").asText());
        assertEquals(12, ledger.get(0).get("delta").asInt());
        assertEquals("生日双倍积分", ledger.get(1).get("reason").asText());
        var negative = shop.post("/api/customers/" + id + "/points", "{\"delta\": -100, \"reason\": \"兑换\"}");
        assertEquals(400, negative.status());
        assertEquals(32, shop.get("/api/customers/" + id).json().at("/customer/points").asInt());
    }

    @Test
    void segmentsFilterTheListAndCountByTierAndStage() {
        shop.post("/api/customers", "{\"name\": \"李娜\", \"phone\": \"13800138001\", \"tags\": [\"VIP\"]}");
        shop.post("/api/purchases", "{\"customerId\": " + id + ", \"amount\": 5200}");

        var counts = shop.get("/api/reports/segments").json();
        assertEquals(2, counts.get("total").asInt());
        assertEquals(1, counts.at("/byTierAndStage/A/new").asInt());
        assertEquals(1, counts.at("/byTierAndStage/C/potential").asInt());
        assertEquals(0, counts.at("/byTierAndStage/B/loyal").asInt());

        var vip = shop.get("/api/reports/segments?segment=tag:VIP").json();
        assertEquals(1, vip.get("total").asInt());
        var list = shop.get("/api/customers?segment=tier:A%20stage:new").json();
        assertEquals(1, list.get("total").asInt());
        assertEquals("王芳", list.at("/items/0/name").asText());
        var bad = shop.get("/api/customers?segment=tier:Z");
        assertEquals(400, bad.status());
        assertTrue(bad.json().get("detail").asText().contains("Z"), bad.body());
    }
}
