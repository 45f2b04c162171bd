package app.liuke.channel.weixin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Opens a WeChat or WeCom callback: the timestamp must be within five minutes of the shop clock (an
 * old request replayed is refused), the signature must match (constant time), and an encrypted body
 * is decrypted and checked to be for our app or corp. Yields the message's fields. Thread-safe.
 */
public final class WeixinCallbacks {
    private static final long MAX_SKEW_SECONDS = 300;
    private final WeixinCrypto crypto;
    private final Clock clock;

    public WeixinCallbacks(WeixinCrypto crypto, Clock clock) {
        this.crypto = crypto;
        this.clock = clock;
    }

    public boolean encrypted() {
        return crypto.encrypting();
    }

    /** WeChat's URL check: {@code signature} over token, timestamp and nonce; the answer is {@code echostr} itself. */
    public String echoPlain(Map<String, String> query) {
        fresh(query.get("timestamp"));
        crypto.verify(query.get("signature"), query.get("timestamp"), query.get("nonce"));
        String echo = query.get("echostr");
        if (echo == null) {
            throw new WeixinCrypto.Refused("body", "echostr is missing");
        }
        return echo;
    }

    /** WeCom's URL check: {@code msg_signature} over the encrypted {@code echostr}; the answer is its plain text. */
    public String echoEncrypted(Map<String, String> query) {
        fresh(query.get("timestamp"));
        crypto.verify(query.get("msg_signature"), query.get("timestamp"), query.get("nonce"), query.get("echostr"));
        return crypto.decrypt(query.get("echostr"));
    }

    /**
     * The fields of a posted message. With an EncodingAESKey the body must be encrypted and carry a
     * valid {@code msg_signature}; without, {@code signature} signs the request.
     */
    public Map<String, String> open(Map<String, String> query, byte[] body) {
        fresh(query.get("timestamp"));
        if (!crypto.encrypting()) {
            crypto.verify(query.get("signature"), query.get("timestamp"), query.get("nonce"));
            return SafeXml.fields(body);
        }
        Map<String, String> envelope = SafeXml.fields(body);
        String encrypted = envelope.get("Encrypt");
        if (encrypted == null || encrypted.isBlank()) {
            throw new WeixinCrypto.Refused("body", "safe mode: the body has no Encrypt element");
        }
        crypto.verify(query.get("msg_signature"), query.get("timestamp"), query.get("nonce"), encrypted);
        return SafeXml.fields(crypto.decrypt(encrypted).getBytes(StandardCharsets.UTF_8));
    }

    private void fresh(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WeixinCrypto.Refused("signature", "the timestamp is missing or not a number");
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > MAX_SKEW_SECONDS) {
            throw new WeixinCrypto.Refused("replay", "the timestamp is more than 5 minutes off");
        }
    }

    /**
     * The durable de-duplication key of a message: its {@code MsgId} (positive), or for events a hash
     * of the named fields (negative, so the two never meet). Redeliveries of one message share it.
     */
    public static long updateId(Map<String, String> fields, List<String> eventFields) {
        String msgId = fields.get("MsgId");
        if (msgId != null && msgId.strip().matches("\\d{1,19}")) {
            try {
                return Long.parseLong(msgId.strip());
            } catch (NumberFormatException beyondLong) {
                eventFields = List.of("MsgId");
            }
        }
        var key = new StringBuilder();
        for (String name : eventFields) {
            key.append(fields.getOrDefault(name, "")).append('\u001f');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return -1 - (ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
