package app.liuke.web;

import app.liuke.shared.InvalidInput;
import app.liuke.shared.Secret;
import io.javalin.http.Context;

/**
 * Guards {@code /api}: the request must carry {@code Authorization: Bearer <server.adminToken>}.
 * Tokens are compared in constant time (both hashed first, so length leaks nothing). With no token
 * configured every request is refused. Immutable and thread-safe.
 */
final class AdminAuth {
    private final Secret token;

    AdminAuth(String adminToken) {
        this.token = new Secret(adminToken);
    }

    void check(Context ctx) {
        if (!token.configured()) {
            throw new Refused(403, "api_disabled", "error.auth.disabled");
        }
        if (!isAdmin(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Refused(401, "unauthorized", "error.auth.missing");
        }
    }

    /** True when the request carries the admin token (the web chat's staff mode asks this without refusing). */
    boolean isAdmin(Context ctx) {
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        return token.matches(given);
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
