package app.liuke.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TestShop;
import app.liuke.support.WebShopTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets a clear JSON 4xx and leaves the data as it was. */
class BadInputTest extends WebShopTest {
    private void assertRefused(TestShop.Response response, int status, String error) {
        assertEquals(status, response.status(), response.body());
        assertEquals(error, response.json().get("error").asText(), response.body());
        assertFalse(response.json().get("detail").asText().isBlank());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\": \"甲\", \"phone\": \"12\"}|phone",
            "{\"name\": \"甲\", \"phone\": \"13800138000\", \"birthday\": \"1990-02-30\"}|birthday",
            "{\"name\": \"甲\", \"phone\": \"13800138000\", \"birthday\": \"2099-01-01\"}|birthday",
            "{\"name\": \"甲\", \"phone\": \"13800138000\", \"gender\": \"x\"}|gender",
            "{\"phone\": \"13800138000\"}|name",
            "{\"name\": \"甲\", \"phone\": \"13800138000\", \"ownerStaffId\": 42}|ownerStaffId",
            "{\"name\": \"甲\", \"phone\": \"13800138000\", \"referrerId\": 42}|referrerId",
            "{\"name\": \"甲\", \"identities\": [{\"channel\": \"Tele gram\", \"id\": \"1\"}]}|identities",
            "{\"name\": \"甲\\u0000乙\", \"phone\": \"13800138000\"}|name",
            "{\"name\": \"甲\", \"phone\": \"13800138000\", \"nmae\": \"typo\"}|nmae",
            "{\"name\": 5, \"phone\": [1]}|name",
            "{\"name\": \"甲\", \"phone\": [1]}|phone",
    })
    void badCustomer_isRefusedWithTheFieldNamed_andNothingIsWritten(String body, String field) {
        var response = shop.post("/api/customers", body);
        assertRefused(response, 400, "invalid");
        assertEquals(field, response.json().get("field").asText());
        assertEquals(0, shop.count("customer"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"amount\": -1}|amount",
            "{\"amount\": 1.234}|amount",
            "{\"amount\": \"lots\"}|amount",
            "{}|amount",
            "{\"amount\": 10, \"date\": \"2026-03-16\"}|date",
            "{\"amount\": 10, \"date\": \"yesterday\"}|date",
            "{\"amount\": 10, \"phone\": \"13999999999\"}|phone",
            "{\"amount\": 10, \"staffId\": 9}|staffId",
    })
    void badPurchase_isRefused_andNothingIsWritten(String body, String field) {
        var response = shop.post("/api/purchases", body);
        assertEquals(400, response.status(), response.body());
        assertEquals(field, response.json().get("field").asText(), response.body());
        assertEquals(0, shop.count("purchase"));
    }

    @Test
    void malformedJson_emptyBody_andNonNumericIds_are400() {
        assertRefused(shop.post("/api/customers", "{\"name\": "), 400, "invalid");
        assertRefused(shop.post("/api/customers", ""), 400, "invalid");
        assertRefused(shop.post("/api/customers", "null"), 400, "invalid");
        assertRefused(shop.post("/api/customers", "[1,2]"), 400, "invalid");
        assertRefused(shop.get("/api/customers/abc"), 400, "invalid");
        assertRefused(shop.get("/api/customers/-1"), 400, "invalid");
        assertRefused(shop.get("/api/customers?size=100000"), 400, "invalid");
        assertRefused(shop.get("/api/customers?page=x"), 400, "invalid");
    }

    @Test
    void oversizedBody_is413() {
        // Headers only, declaring 1.8 MB: the server refuses from Content-Length (streaming the body races its early close).
        var response = shop.postHeadersOnlyResponse("/api/customers", 1_800_000, "Authorization", "Bearer " + TestShop.TOKEN);
        assertRefused(response, 413, "too_large");
        assertEquals(0, shop.count("customer"));
    }

    @Test
    void tooLongText_is400() {
        var response = shop.post("/api/customers", "{\"name\": \"" + "王".repeat(65) + "\", \"phone\": \"13800138000\"}");
        assertRefused(response, 400, "invalid");
    }

    @Test
    void missingOrWrongToken_is401_andNothingIsWritten() {
        assertRefused(shop.send("GET", "/api/customers", null, null), 401, "unauthorized");
        assertRefused(shop.send("GET", "/api/customers", null, "wrong"), 401, "unauthorized");
        assertRefused(shop.send("POST", "/api/customers", "{\"name\": \"甲\", \"phone\": \"13800138000\"}",
                TestShop.TOKEN + "x"), 401, "unauthorized");
        assertEquals(0, shop.count("customer"));
    }

    @Test
    void withoutAConfiguredToken_theApiRefusesEverything(@TempDir Path other) {
        try (var open = TestShop.withoutToken(other).startWeb()) {
            var response = open.send("GET", "/api/customers", null, "");
            assertRefused(response, 403, "api_disabled");
            assertTrue(response.json().get("detail").asText().contains("server.adminToken"));
            assertEquals(200, open.send("GET", "/health", null, null).status());
        }
    }
}
