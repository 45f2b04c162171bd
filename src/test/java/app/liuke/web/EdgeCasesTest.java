package app.liuke.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TelegramShopTest;
import app.liuke.support.TestShop;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue #20, item 4: a negative limit, a %00 in the path and a button press without an id get clear refusals. */
class EdgeCasesTest extends TelegramShopTest {
    private String raw(String requestLine) throws IOException {
        try (var socket = new Socket("127.0.0.1", shop.port())) {
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestShop.TOKEN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aNegativeLimit_isRefusedNamingIt() {
        assertEquals(201, shop.post("/api/customers", "{\"name\": \"王芳\"}").status());
        var refused = shop.get("/api/customers/1/purchases?limit=-1");
        assertEquals(400, refused.status(), refused.body());
        assertEquals("limit", refused.json().path("field").asText());
        assertEquals(400, shop.get("/api/customers/1/purchases?limit=501").status());
        assertEquals(200, shop.get("/api/customers/1/purchases?limit=5").status());
        assertEquals(400, shop.get("/api/customers/1/surveys?lang=fr").status(), "an unknown language is named, not ignored");
        assertEquals(200, shop.get("/api/customers/1/surveys?lang=en").status());
    }

    @Test
    void aNulInThePath_getsTheJsonError_notJettysPage() throws IOException {
        for (String path : new String[] {"/api/customers/%00", "/%00", "/chat/%00x"}) {
            String answer = raw("GET " + path + " HTTP/1.1");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), answer);
            assertTrue(answer.contains("\"error\":\"bad_request\"") && answer.contains("%00"), answer);
            assertFalse(answer.contains("<html"), answer);
        }
    }

    @Test
    void aButtonPressWithoutAnId_isSetAsideAsUnreadable_andTheChatGoesOn() {
        String noId = "{\"update_id\": 99001, \"callback_query\": {\"from\": {\"id\": 601, \"is_bot\": false, \"first_name\": \"A\"},"
                + " \"chat_instance\": \"1\", \"data\": \"c|/me\"}}";
        assertEquals(200, shop.webhook(noId).status());
        shop.awaitInboxDone();
        assertEquals(1, shop.queryLong("SELECT count(*) FROM inbox WHERE status = 'failed' AND error LIKE 'unreadable%'"));
        assertEquals(200, shop.webhook(app.liuke.support.Updates.privateText(99002, 601, "A", "/start")).status());
        api.awaitSent("601", 1);
    }
}
