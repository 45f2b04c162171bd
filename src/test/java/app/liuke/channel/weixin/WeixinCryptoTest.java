package app.liuke.channel.weixin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Liuke's own WXBizMsgCrypt against the vectors WeChat publishes with its sample crypto library
 * (Java/Python samples, copied byte for byte): encryption with a fixed random, WeCom's URL check,
 * and a whole signed, encrypted message. Then what must be refused.
 */
class WeixinCryptoTest {
    /** Published sample A (WXBizMsgCryptTest): key, app id, the 16 "random" bytes and the expected cipher texts. */
    static final String KEY_A = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_A = "wxb11529c136998cb6";
    static final byte[] RANDOM_A = "aaaabbbbccccdddd".getBytes(StandardCharsets.UTF_8);
    static final String CIPHER_A = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
    /** Published sample C (Python Sample.py): a whole POST of the Official Account, signed with msg_signature. */
    static final String TOKEN_C = "spamtest";
    static final String APP_C = "wx2c2769f8efd9abc2";
    static final String TIMESTAMP_C = "1409735669";
    static final String NONCE_C = "1320562132";
    static final String SIGNATURE_C = "5d197aaffba7e9b25a30732f161a50dee96bd5fa";
    static final String BODY_C = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName><CreateTime>1409735668</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[abcdteT]]></Content><MsgId>6054768590064713728</MsgId><Encrypt><![CDATA[hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=]]></Encrypt></xml>";

    @Test
    void encryptingTheSampleReply_givesThePublishedCipherText() {
        var crypto = new WeixinCrypto("pamtest", KEY_A, APP_A);
        assertEquals(CIPHER_A, crypto.encrypt("我是中文abcd123", RANDOM_A));
        assertEquals("我是中文abcd123", crypto.decrypt(CIPHER_A));
    }

    @Test
    void wecomsPublishedUrlCheck_decryptsToItsEcho_andChecksTheCorpId() {
        String echo = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
        var clock = new MutableClock(Instant.ofEpochSecond(1409659589));
        var query = Map.of("msg_signature", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "timestamp", "1409659589",
                "nonce", "263014780", "echostr", echo);
        var callbacks = new WeixinCallbacks(new WeixinCrypto("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
                "wx5823bf96d3bd56c7"), clock);
        assertEquals("1616140317555161061", callbacks.echoEncrypted(query));
        var otherCorp = new WeixinCallbacks(new WeixinCrypto("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
                "wwSomeOtherCorp"), clock);
        assertEquals("receiver", assertThrows(WeixinCrypto.Refused.class, () -> otherCorp.echoEncrypted(query)).code());
    }

    @Test
    void thePublishedSafeModeMessage_opensToItsFields() {
        var clock = new MutableClock(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP_C)));
        var callbacks = new WeixinCallbacks(new WeixinCrypto(TOKEN_C, KEY_A, APP_C), clock);
        var fields = callbacks.open(Map.of("timestamp", TIMESTAMP_C, "nonce", NONCE_C, "msg_signature", SIGNATURE_C,
                "encrypt_type", "aes"), BODY_C.getBytes(StandardCharsets.UTF_8));
        assertEquals("oyORnuP8q7ou2gfYjqLzSIWZf0rs", fields.get("FromUserName"));
        assertEquals("abcdteT", fields.get("Content"));
        assertEquals(6054768590064713728L, WeixinCallbacks.updateId(fields, List.of()));
    }

    @Test
    void aMessageForAnotherAccount_aWrongSignature_orAnOldTimestamp_isRefused() {
        var clock = new MutableClock(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP_C)));
        var query = Map.of("timestamp", TIMESTAMP_C, "nonce", NONCE_C, "msg_signature", SIGNATURE_C);
        byte[] body = BODY_C.getBytes(StandardCharsets.UTF_8);
        var notOurs = new WeixinCallbacks(new WeixinCrypto(TOKEN_C, KEY_A, "wxNotTheSameApp"), clock);
        assertEquals("receiver", assertThrows(WeixinCrypto.Refused.class, () -> notOurs.open(query, body)).code());
        var ours = new WeixinCallbacks(new WeixinCrypto(TOKEN_C, KEY_A, APP_C), clock);
        var forged = Map.of("timestamp", TIMESTAMP_C, "nonce", NONCE_C, "msg_signature", "5d197aaffba7e9b25a30732f161a50dee96bd5fb");
        assertEquals("signature", assertThrows(WeixinCrypto.Refused.class, () -> ours.open(forged, body)).code());
        clock.set(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP_C) + 301));
        assertEquals("replay", assertThrows(WeixinCrypto.Refused.class, () -> ours.open(query, body)).code());
    }

    @Test
    void brokenPadding_aLyingLengthField_andNonsense_areRefused() {
        var crypto = new WeixinCrypto("pamtest", KEY_A, APP_A);
        assertEquals("decrypt", assertThrows(WeixinCrypto.Refused.class, () -> crypto.decrypt("!!!not-base64!!!")).code());
        assertEquals("decrypt", assertThrows(WeixinCrypto.Refused.class, () -> crypto.decrypt("YWJj")).code());
        byte[] cipher = Base64.getDecoder().decode(CIPHER_A);
        cipher[cipher.length - 1] ^= 0x5a;  // the last block decrypts to garbage: its padding cannot be right
        String broken = Base64.getEncoder().encodeToString(cipher);
        var refused = assertThrows(WeixinCrypto.Refused.class, () -> crypto.decrypt(broken));
        assertTrue(refused.code().equals("decrypt") || refused.code().equals("receiver"), refused.code());
    }

    @Test
    void aSealedPassiveReply_isSignedOverItsCipherText_andOpensAgain() {
        var crypto = new WeixinCrypto("pamtest", KEY_A, APP_A);
        String sealed = crypto.sealedReply("<xml><Content>好的</Content></xml>", "1409304348", "xxxxxx", RANDOM_A);
        var fields = SafeXml.fields(sealed.getBytes(StandardCharsets.UTF_8));
        assertEquals(crypto.signature("1409304348", "xxxxxx", fields.get("Encrypt")), fields.get("MsgSignature"));
        assertEquals("<xml><Content>好的</Content></xml>", crypto.decrypt(fields.get("Encrypt")));
    }

    @Test
    void xmlWithADoctype_isNeverRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><Content>&x;</Content></xml>";
        assertThrows(IllegalArgumentException.class, () -> SafeXml.fields(xxe.getBytes(StandardCharsets.UTF_8)));
        String bomb = "<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><xml><C>&b;</C></xml>";
        assertThrows(IllegalArgumentException.class, () -> SafeXml.fields(bomb.getBytes(StandardCharsets.UTF_8)));
    }
}
