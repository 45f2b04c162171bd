package app.liuke.channel.wecom;

import app.liuke.channel.weixin.WeixinApi;
import app.liuke.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks WeCom what became of the mass-send tasks ({@code get_groupmsg_send_result}) and settles their
 * outbox rows: sent by the staff member (status 1) is delivered ({@code confirmed_at}); not a contact (2)
 * or over the customer's limit (3) is failed with the reason; still unsent after three days is failed as
 * {@code not-confirmed}. Campaign figures count a task as pending until then. Run every minute by the
 * scheduler; thread-safe.
 */
public final class WecomTaskResults {
    private static final Logger LOG = LoggerFactory.getLogger(WecomTaskResults.class);
    private static final Duration GIVE_UP = Duration.ofDays(3);
    private final WeixinApi api;
    private final Database database;
    private final Clock clock;

    public WecomTaskResults(WeixinApi api, Database database, Clock clock) {
        this.api = api;
        this.database = database;
        this.clock = clock;
    }

    private record Waiting(long id, String external, String task, String sender, long sentAt) {
    }

    /** One pass over the unsettled tasks; how many rows it settled. */
    public int tick() {
        List<Waiting> waiting = database.read(handle -> handle.query("""
                SELECT id, chat_id, external_id, sent_at FROM outbox
                WHERE channel = 'wecom' AND status = 'sent' AND confirmed_at IS NULL AND external_id LIKE 'task:%'
                ORDER BY id LIMIT 500""", row -> {
            String[] parts = row.getString(3).split(":", 3);
            return new Waiting(row.getLong(1), row.getString(2), parts[1], parts.length > 2 ? parts[2] : "", row.getLong(4));
        }));
        var byTask = new LinkedHashMap<String, List<Waiting>>();
        waiting.forEach(row -> byTask.computeIfAbsent(row.task() + ":" + row.sender(), key -> new java.util.ArrayList<>()).add(row));
        int settled = 0;
        for (List<Waiting> rows : byTask.values()) {
            try {
                settled += settle(rows);
            } catch (WeixinApi.Unreachable e) {
                LOG.warn("could not ask WeCom for mass-send results: {}", e.getMessage());
                return settled;
            }
        }
        return settled;
    }

    private int settle(List<Waiting> rows) {
        Waiting first = rows.get(0);
        var reply = api.post("/cgi-bin/externalcontact/get_groupmsg_send_result",
                Map.of("msgid", first.task(), "userid", first.sender(), "limit", 1000));
        if (!reply.ok()) {
            LOG.warn("WeCom gave no result for task {}: {} {}", first.task(), reply.errcode(), reply.errmsg());
            return 0;
        }
        var status = new LinkedHashMap<String, long[]>();
        reply.body().path("send_list").forEach(entry -> status.put(entry.path("external_userid").asText(),
                new long[] {entry.path("status").asLong(), entry.path("send_time").asLong()}));
        long now = clock.instant().getEpochSecond();
        return database.transaction(handle -> {
            int done = 0;
            for (Waiting row : rows) {
                long[] result = status.get(row.external());
                int code = result == null ? 0 : (int) result[0];
                if (code == 1) {
                    handle.update("UPDATE outbox SET confirmed_at = :at WHERE id = :id", "at", result[1] > 0 ? result[1] : now, "id", row.id());
                } else if (code == 2 || code == 3) {
                    handle.update("UPDATE outbox SET status = 'failed', error = :why WHERE id = :id",
                            "why", code == 2 ? "wecom: not a contact" : "wecom: the customer's limit for mass messages", "id", row.id());
                } else if (now - row.sentAt() > GIVE_UP.toSeconds()) {
                    handle.update("UPDATE outbox SET status = 'failed', error = 'wecom: not-confirmed' WHERE id = :id", "id", row.id());
                } else {
                    continue;
                }
                done++;
            }
            return done;
        });
    }
}
