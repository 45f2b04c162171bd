package app.liuke.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Pages and scripts served from the jar (the web chat, the dashboard, Chart.js from its WebJar):
 * nothing is fetched from another site, so the pages work without internet access.
 */
final class WebAssets {
    private WebAssets() {
    }

    static void serve(Context ctx, String resource, String type) {
        try (InputStream in = WebAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            ctx.contentType(type)
                    .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Cache-Control", "no-cache")
                    .result(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
