package app.liuke.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TelegramShopTest;
import app.liuke.support.TestShop;
import app.liuke.support.Updates;
import org.junit.jupiter.api.Test;

/** Issue #20, item 12: English replies carry English punctuation and no "(-)" (English errors as sentences: CliTest). */
class EnglishRepliesTest extends TelegramShopTest {
    private String ask(String text, int expected) {
        String update = Updates.privateText(Updates.nextId(), TestShop.OWNER_ID, "Boss", text).replace("\"zh-hans\"", "\"en\"");
        assertEquals(200, shop.webhook(update).status());
        var sent = api.awaitSent(String.valueOf(TestShop.OWNER_ID), expected);
        return sent.get(sent.size() - 1).text();
    }

    @Test
    void anEnglishSpeakingOwner_getsEnglishPunctuation() {
        assertEquals(201, shop.post("/api/customers", "{\"name\": \"Anna\", \"phone\": \"13800138000\"}").status());
        ask("/tag 8000 vip", 1);
        String tagged = ask("/tag 8000 gold", 2);
        assertTrue(tagged.contains("gold, vip") || tagged.contains("vip, gold"), tagged);
        String card = ask("/customer 8000", 3);
        assertTrue(card.contains("Tags: gold, vip") || card.contains("Tags: vip, gold"), card);
        String sale = ask("/sale 8000 680 ring bracelet", 4);
        assertTrue(sale.contains(" (ring bracelet)"), sale);
        String preview = ask("/campaign preview thanks", 5);
        assertFalse(preview.contains("(-)") || preview.contains("planned before"), preview);
        assertTrue(preview.contains("already queued earlier"), preview);
        for (String reply : new String[] {tagged, card, sale, preview}) {
            assertFalse(reply.matches("(?s).*[，。：；、（）].*"), "full-width punctuation in an English reply: " + reply);
        }
    }
}
