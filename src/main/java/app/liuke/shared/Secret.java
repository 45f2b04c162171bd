package app.liuke.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A configured secret (admin token, webhook secret). {@link #matches} compares in constant time:
 * both sides are hashed first, so neither content nor length leaks. An empty secret matches nothing.
 * Immutable and thread-safe; {@code toString} never shows the value.
 */
public final class Secret {
    private final byte[] expectedHash;

    public Secret(String value) {
        this.expectedHash = value == null || value.isBlank() ? null : sha256(value);
    }

    public boolean configured() {
        return expectedHash != null;
    }

    public boolean matches(String given) {
        return expectedHash != null && MessageDigest.isEqual(expectedHash, sha256(given == null ? "" : given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return configured() ? "***" : "(none)";
    }
}
