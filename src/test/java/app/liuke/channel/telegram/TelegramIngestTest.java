package app.liuke.channel.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.liuke.channel.IncomingUpdate;
import app.liuke.support.Updates;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook's quick read: the update id and the chat that orders it, from real-shaped updates. */
class TelegramIngestTest {
    private static IncomingUpdate read(String json) {
        return TelegramIngest.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheChatOfEachKindOfUpdate() {
        assertEquals("telegram:111", read(Updates.privateText(10, 111, "小红", "/me")).chatKey());
        assertEquals("telegram:-4242", read(Updates.groupText(11, -4242, 111, "小红", "hi")).chatKey());
        assertEquals("telegram:-4242", read(Updates.memberJoined(12, -4242, 111, "小红", null)).chatKey());
        assertEquals("telegram:111", read(Updates.buttonPress(13, 111, "小红", "d|x|y", 5)).chatKey());
        var update = read("{\"update_id\":14,\"poll\":{\"id\":\"9\"}}");
        assertEquals(14, update.updateId());
        assertEquals("telegram:other", update.chatKey());
    }

    @Test
    void onlyTheTopLevelUpdateIdCounts() {
        assertThrows(IllegalArgumentException.class, () -> read("{\"message\":{\"update_id\":5}}"));
        assertEquals(7, read("{\"message\":{\"update_id\":5},\"update_id\":7}").updateId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"update_id\":1,", "[1,2]", "\"text\"", "", "{\"update_id\":-1}",
        "{\"update_id\":1.5}", "{\"update_id\":\"7\"}", "{\"update_id\":99999999999999999999999}"})
    void refusesWhatIsNotAnUpdate(String body) {
        assertThrows(IllegalArgumentException.class, () -> read(body));
    }
}
