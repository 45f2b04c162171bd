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

    /** An HTML page in the shop's language: its {@code <html lang>} is the shop's {@code locale}. */
    static void servePage(Context ctx, String resource, java.util.Locale shopLocale) {
        try (InputStream in = WebAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            String page = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("<html lang=\"zh-CN\">", "<html lang=\"" + shopLocale.toLanguageTag() + "\">");
            ctx.contentType("text/html; charset=utf-8")
                    .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Cache-Control", "no-cache")
                    .result(page);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
