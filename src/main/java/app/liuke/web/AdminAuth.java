package app.liuke.web;

import app.liuke.shared.InvalidInput;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Guards {@code /api}: the request must carry {@code Authorization: Bearer <server.adminToken>}.
 * Tokens are compared in constant time (both hashed first, so length leaks nothing). With no token
 * configured every request is refused. Immutable and thread-safe.
 */
final class AdminAuth {
    private final byte[] expectedHash;

    AdminAuth(String adminToken) {
        this.expectedHash = adminToken == null || adminToken.isBlank() ? null : sha256(adminToken);
    }

    void check(Context ctx) {
        if (expectedHash == null) {
            throw new Refused(403, "api_disabled", "error.auth.disabled");
        }
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        if (!MessageDigest.isEqual(expectedHash, sha256(token))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Refused(401, "unauthorized", "error.auth.missing");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller may not use the API: 401 without a valid token, 403 when the API is off. */
    static final class Refused extends InvalidInput {
        private final int status;
        private final String code;

        Refused(int status, String code, String textKey) {
            super("Authorization", textKey);
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }
    }
}
