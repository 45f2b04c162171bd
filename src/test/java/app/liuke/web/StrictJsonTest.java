package app.liuke.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.WebShopTest;
import org.junit.jupiter.api.Test;

/** The README promises that bad fields are refused (issue #20, item 3): no coercion, no duplicate keys; the field is named. */
class StrictJsonTest extends WebShopTest {
    private void refused(String path, String body, String field) {
        var response = shop.post(path, body);
        assertEquals(400, response.status(), body + " → " + response.body());
        assertEquals(field, response.json().path("field").asText(), response.body());
        assertTrue(response.body().contains(field), response.body());
    }

    @Test
    void valuesOfTheWrongType_andFieldsGivenTwice_areRefusedNamingTheField() {
        refused("/api/customers", "{\"name\": 123}", "name");
        refused("/api/customers", "{\"name\": true}", "name");
        refused("/api/customers", "{\"name\": \"A\", \"name\": \"B\"}", "name");
        assertEquals(0, shop.queryLong("SELECT count(*) FROM customer"));
        assertEquals(201, shop.post("/api/customers", "{\"name\": \"王芳\"}").status());
        refused("/api/purchases", "{\"customerId\": 1, \"amount\": \"12.5\"}", "amount");
        refused("/api/customers/1/points", "{\"delta\": 1.5, \"reason\": \"x\"}", "delta");
        assertEquals(0, shop.queryLong("SELECT count(*) FROM purchase"));
        assertEquals(0, shop.queryLong("SELECT count(*) FROM points_entry"));
    }
}
