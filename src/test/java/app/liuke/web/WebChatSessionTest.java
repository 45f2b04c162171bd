package app.liuke.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TestShop;
import app.liuke.support.WebShopTest;
import org.junit.jupiter.api.Test;

/**
 * Web chat sessions are the server's (issue #20, item 1): a made-up or guessable id is refused, a
 * staff session's replies (customer cards with phone numbers) are readable only with the token, and a
 * session keeps the mode it was made in.
 */
class WebChatSessionTest extends WebShopTest {
    private String newSession(String token) {
        var made = shop.send("POST", "/chat/api/session", null, token);
        assertEquals(201, made.status(), made.body());
        return made.json().path("session").asText();
    }

    private TestShop.Response say(String session, String text, String token) {
        return shop.send("POST", "/chat/api/messages", "{\"session\": \"" + session + "\", \"text\": \"" + text + "\"}", token);
    }

    @Test
    void anIdTheServerDidNotIssue_isRefused_evenWhenWellFormed() {
        assertEquals(400, say("0000000000000000", "/me", null).status());
        assertEquals(400, say("staffsessionabcdefgh", "/customer 3352", TestShop.TOKEN).status(), "the README's old fixed id");
        var guessed = say("A".repeat(32), "/me", null);
        assertEquals(400, guessed.status());
        assertTrue(guessed.json().path("field").asText().equals("session"), guessed.body());
        String session = newSession(null);
        assertEquals(32, session.length());
        assertEquals(200, say(session, "/me", null).status());
        assertFalse(session.equals(newSession(null)), "every session is new");
    }

    @Test
    void aStaffSessionsReplies_areReadableOnlyWithTheToken() {
        assertEquals(201, shop.post("/api/customers", "{\"name\": \"林晨欣\", \"phone\": \"13610063352\"}").status());
        String staff = newSession(TestShop.TOKEN);
        var card = say(staff, "/customer 3352", TestShop.TOKEN);
        assertEquals(200, card.status(), card.body());
        assertTrue(card.body().contains("+8613610063352"), card.body());
        var stolen = shop.send("GET", "/chat/api/messages?session=" + staff + "&after=0", null, null);
        assertEquals(401, stolen.status());
        assertFalse(stolen.body().contains("13610063352"), stolen.body());
        assertEquals(401, say(staff, "/customer 3352", null).status(), "nor can anyone speak in it without the token");
        assertEquals(200, shop.send("GET", "/chat/api/messages?session=" + staff + "&after=0", null, TestShop.TOKEN).status());
        assertEquals(401, shop.send("POST", "/chat/api/session", null, "wrong-token").status());
    }

    @Test
    void aCustomerSession_cannotBeRaisedToStaffByAddingTheToken() {
        String customer = newSession(null);
        var raised = say(customer, "/customer 3352", TestShop.TOKEN);
        assertEquals(403, raised.status(), raised.body());
        var refused = say(customer, "/customer 3352", null);
        assertEquals(200, refused.status());
        assertTrue(refused.body().contains("店员"), refused.body());
    }

    @Test
    void aVisitorWhoGivesTheirName_isCalledByItEverywhere_butAStaffEnteredNameStays() {
        String session = newSession(null);
        assertEquals(200, say(session, "/start", null).status());
        assertTrue(shop.liuke.database().read(h -> h.queryOne("SELECT name FROM customer", r -> r.getString(1))).orElseThrow()
                .startsWith("访客 "));
        var named = shop.send("POST", "/chat/api/messages", "{\"session\": \"" + session + "\", \"text\": \"/me\", \"name\": \"小红\"}", null);
        assertTrue(named.body().contains("小红"), "the card already says the new name: " + named.body());
        assertEquals("小红", shop.liuke.database().read(h -> h.queryOne("SELECT name FROM customer", r -> r.getString(1))).orElseThrow());
        long id = shop.queryLong("SELECT id FROM customer");
        assertEquals(200, shop.patch("/api/customers/" + id, "{\"name\": \"王小红\"}").status());
        shop.send("POST", "/chat/api/messages", "{\"session\": \"" + session + "\", \"text\": \"/me\", \"name\": \"Hong\"}", null);
        assertEquals("王小红", shop.liuke.database().read(h -> h.queryOne("SELECT name FROM customer", r -> r.getString(1))).orElseThrow(),
                "a name staff entered is the shop's, not replaced by what the chat says");
    }
}
