package app.liuke.channel.weixin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's and WeCom's message crypto (WXBizMsgCrypt), done here rather than by WxJava: signatures
 * are compared in constant time, and a decrypted message must name our own app id (WeChat) or corp
 * id (WeCom) inside, which WxJava does not check. AES-256-CBC with the key from the 43-character
 * EncodingAESKey and the key's first 16 bytes as IV; PKCS#7 padding to 32-byte blocks; the plain
 * text is 16 random bytes, a 4-byte big-endian length, the message, then the receiver id.
 * Immutable and thread-safe.
 */
public final class WeixinCrypto {
    private static final int BLOCK = 32;
    private final String token;
    private final byte[] key;
    private final String receiverId;

    /** {@code aesKey} may be empty (plain mode: signatures only). */
    public WeixinCrypto(String token, String aesKey, String receiverId) {
        this.token = Objects.requireNonNull(token, "token");
        this.receiverId = receiverId == null ? "" : receiverId;
        if (aesKey == null || aesKey.isEmpty()) {
            this.key = null;
        } else {
            if (aesKey.length() != 43) {
                throw new IllegalArgumentException("the EncodingAESKey must be 43 characters");
            }
            this.key = Base64.getDecoder().decode(aesKey + "=");
        }
    }

    /** True when an EncodingAESKey is set (safe mode 安全模式). */
    public boolean encrypting() {
        return key != null;
    }

    /** A refusal: the request is not from WeChat, or not for us. {@code code} names what failed. */
    public static final class Refused extends RuntimeException {
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** SHA-1 over the sorted parts (token, timestamp, nonce and, for encrypted bodies, the ciphertext), as hex. */
    public String signature(String... parts) {
        String[] all = new String[parts.length + 1];
        all[0] = token;
        System.arraycopy(parts, 0, all, 1, parts.length);
        Arrays.sort(all);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(String.join("", all).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks {@code given} against the signature of {@code parts} in constant time; a refusal when it differs. */
    public void verify(String given, String... parts) {
        for (String part : parts) {
            if (part == null) {
                throw new Refused("signature", "a signed parameter is missing");
            }
        }
        byte[] expected = signature(parts).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = (given == null ? "" : given.toLowerCase(java.util.Locale.ROOT)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new Refused("signature", "the signature does not match");
        }
    }

    /** Decrypts a base64 {@code Encrypt} value and returns the message, after checking padding, length and receiver id. */
    public String decrypt(String encrypted) {
        requireKey();
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypted == null ? "" : encrypted.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused("decrypt", "the encrypted message is not base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw new Refused("decrypt", "the encrypted message has a wrong length");
        }
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new Refused("decrypt", "the message could not be decrypted");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new Refused("decrypt", "the padding is wrong");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new Refused("decrypt", "the padding is wrong");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new Refused("decrypt", "the message is too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || length > end - 20) {
            throw new Refused("decrypt", "the length field is wrong");
        }
        String message = new String(plain, 20, length, StandardCharsets.UTF_8);
        byte[] receiver = Arrays.copyOfRange(plain, 20 + length, end);
        if (!MessageDigest.isEqual(receiver, receiverId.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused("receiver", "the message is for another account");
        }
        return message;
    }

    /** Encrypts {@code message} for a passive reply or an echo, with 16 random bytes in front (given, for tests). */
    public String encrypt(String message, byte[] random16) {
        requireKey();
        if (random16.length != 16) {
            throw new IllegalArgumentException("16 random bytes expected");
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] receiver = receiverId.getBytes(StandardCharsets.UTF_8);
        int unpadded = 20 + text.length + receiver.length;
        int pad = BLOCK - unpadded % BLOCK;
        var buffer = ByteBuffer.allocate(unpadded + pad).put(random16).putInt(text.length).put(text).put(receiver);
        while (buffer.hasRemaining()) {
            buffer.put((byte) pad);
        }
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(buffer.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The XML of an encrypted passive reply: Encrypt, MsgSignature, TimeStamp and Nonce. */
    public String sealedReply(String replyXml, String timestamp, String nonce, byte[] random16) {
        String encrypted = encrypt(replyXml, random16);
        return "<xml><Encrypt><![CDATA[" + encrypted + "]]></Encrypt><MsgSignature><![CDATA[" + signature(timestamp, nonce, encrypted)
                + "]]></MsgSignature><TimeStamp>" + timestamp + "</TimeStamp><Nonce><![CDATA[" + nonce + "]]></Nonce></xml>";
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return cipher;
    }

    private void requireKey() {
        if (key == null) {
            throw new IllegalStateException("no EncodingAESKey is configured");
        }
    }

    @Override
    public String toString() {
        return "WeixinCrypto[receiver=" + receiverId + ", token=***, aesKey=" + (key == null ? "(none)" : "***") + "]";
    }
}
