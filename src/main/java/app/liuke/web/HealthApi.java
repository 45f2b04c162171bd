package app.liuke.web;

import app.liuke.Channels;
import app.liuke.store.Database;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: the store and each channel; 503 when the store does not answer. */
final class HealthApi {
    private final Database database;
    private final Channels channels;

    HealthApi(Database database, Channels channels) {
        this.database = database;
        this.channels = channels;
    }

    record Health(String status, Map<String, Object> store, Map<String, Object> channels) {
    }

    void health(Context ctx) {
        boolean storeUp = database.healthy();
        var channels = new LinkedHashMap<String, Object>();
        channels.put("telegram", Map.of("status", this.channels.telegramStatus()));
        channels.put("wechat", Map.of("status", this.channels.wechatStatus()));
        channels.put("wecom", Map.of("status", this.channels.wecomStatus()));
        channels.put("web", Map.of("status", "up"));
        ctx.status(storeUp ? 200 : 503).json(new Health(storeUp ? "up" : "down",
                Map.of("status", storeUp ? "up" : "down"), channels));
    }
}
