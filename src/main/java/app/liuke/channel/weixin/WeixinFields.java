package app.liuke.channel.weixin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** A WeChat or WeCom message as the inbox stores it: its XML fields as a JSON object. Stateless. */
public final class WeixinFields {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private WeixinFields() {
    }

    /** The stored fields; an {@link IllegalArgumentException} naming {@code product} when they are unreadable. */
    public static Map<String, String> read(String payload, String product) {
        try {
            return JSON.readValue(payload, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + product + " message: " + e.getOriginalMessage());
        }
    }

    /** The fields as stored. */
    public static String write(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
