package app.liuke.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.WebShopTest;
import org.junit.jupiter.api.Test;

/** What a purchase may not be (issue #20, item 2): nothing bought, someone else's phone, a date before the shop existed. */
class PurchaseInputTest extends WebShopTest {
    private long customer(String name, String phone) {
        return shop.post("/api/customers", "{\"name\": \"" + name + "\", \"phone\": \"" + phone + "\"}").json().at("/customer/id").asLong();
    }

    private void refused(String body, String field) {
        var response = shop.post("/api/purchases", body);
        assertEquals(400, response.status(), body + " → " + response.body());
        assertEquals(field, response.json().path("field").asText(), response.body());
    }

    @Test
    void anAmountOfNothing_someoneElsesPhone_andADateBeforeTheShop_areRefused_andNothingMoves() {
        long wang = customer("王芳", "13800138000");
        customer("李雷", "13900139000");
        refused("{\"customerId\": " + wang + ", \"amount\": 0}", "amount");
        refused("{\"customerId\": " + wang + ", \"amount\": -0}", "amount");
        refused("{\"customerId\": " + wang + ", \"amount\": 0.00}", "amount");
        refused("{\"customerId\": " + wang + ", \"phone\": \"13900139000\", \"amount\": 100}", "phone");
        refused("{\"customerId\": " + wang + ", \"phone\": \"13700137000\", \"amount\": 100}", "phone");
        var early = shop.post("/api/purchases", "{\"customerId\": " + wang + ", \"amount\": 100, \"date\": \"1900-05-01\"}");
        assertEquals(400, early.status());
        assertTrue(early.body().contains("2000-01-01"), early.body());
        assertEquals(0, shop.queryLong("SELECT count(*) FROM purchase"));
        assertEquals("C", shop.get("/api/customers/" + wang).json().at("/customer/tier").asText());
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + wang + ", \"phone\": \"138 0013 8000\", \"amount\": 100}")
                .status(), "the right pair is fine");
    }

    @Test
    void anEmptyRef_isNoRef_soTwoSalesWithoutOneAreBothRecorded() {
        long wang = customer("王芳", "13800138000");
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + wang + ", \"amount\": 100, \"ref\": \"\"}").status());
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + wang + ", \"amount\": 100, \"ref\": \"  \"}").status());
        assertEquals(2, shop.queryLong("SELECT count(*) FROM purchase WHERE external_ref IS NULL"));
        assertEquals(201, shop.post("/api/purchases", "{\"customerId\": " + wang + ", \"amount\": 100, \"ref\": \"R-1\"}").status());
        assertEquals(409, shop.post("/api/purchases", "{\"customerId\": " + wang + ", \"amount\": 100, \"ref\": \"R-1\"}").status());
    }
}
