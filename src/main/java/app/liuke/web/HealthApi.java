package app.liuke.web;

import app.liuke.config.LiukeConfig;
import app.liuke.store.Database;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: the store and each channel; 503 when the store does not answer. */
final class HealthApi {
    private final Database database;
    private final LiukeConfig config;

    HealthApi(Database database, LiukeConfig config) {
        this.database = database;
        this.config = config;
    }

    record Health(String status, Map<String, Object> store, Map<String, Object> channels) {
    }

    void health(Context ctx) {
        boolean storeUp = database.healthy();
        var channels = new LinkedHashMap<String, Object>();
        channels.put("telegram", Map.of("status", config.telegram().enabled() ? "not_available_yet" : "disabled"));
        ctx.status(storeUp ? 200 : 503).json(new Health(storeUp ? "up" : "down",
                Map.of("status", storeUp ? "up" : "down"), channels));
    }
}
