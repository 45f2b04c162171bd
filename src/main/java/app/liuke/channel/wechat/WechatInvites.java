package app.liuke.channel.wechat;

import app.liuke.channel.weixin.WeixinApi;
import app.liuke.store.Handle;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's invitation on WeChat: a QR code (带参数二维码, the 30-day kind, since permanent ones are
 * capped at 100,000 an account) whose scene is their invite payload. A friend who scans it and follows
 * arrives as {@code subscribe} with {@code qrscene_ref_…}, exactly like a Telegram deep link. One code
 * per scene, kept in the database until a day before it expires; the API is asked only then.
 * Thread-safe; runs in the caller's transaction.
 */
public final class WechatInvites {
    private static final Logger LOG = LoggerFactory.getLogger(WechatInvites.class);
    private static final long DAYS_30 = Duration.ofDays(30).toSeconds();
    private final WeixinApi api;

    public WechatInvites(WeixinApi api) {
        this.api = api;
    }

    /** The address of the QR code's picture for {@code scene}; empty when WeChat would not make one. */
    public Optional<String> link(Handle handle, String scene, Instant now) {
        var kept = handle.queryOne("SELECT url FROM wechat_qr WHERE scene = :scene AND expires_at > :soon",
                row -> row.getString(1), "scene", scene, "soon", now.plus(Duration.ofDays(1)).getEpochSecond());
        if (kept.isPresent()) {
            return kept;
        }
        try {
            var reply = api.post("/cgi-bin/qrcode/create", Map.of("expire_seconds", DAYS_30, "action_name", "QR_STR_SCENE",
                    "action_info", Map.of("scene", Map.of("scene_str", scene))));
            String ticket = reply.body().path("ticket").asText("");
            if (!reply.ok() || ticket.isEmpty()) {
                LOG.warn("WeChat made no invitation QR code: {} {}", reply.errcode(), reply.errmsg());
                return Optional.empty();
            }
            String url = "https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
            long seconds = reply.body().path("expire_seconds").asLong(DAYS_30);
            handle.update("""
                    INSERT INTO wechat_qr (scene, url, expires_at) VALUES (:scene, :url, :until)
                    ON CONFLICT (scene) DO UPDATE SET url = excluded.url, expires_at = excluded.expires_at""",
                    "scene", scene, "url", url, "until", now.getEpochSecond() + seconds);
            return Optional.of(url);
        } catch (WeixinApi.Unreachable e) {
            LOG.warn("WeChat made no invitation QR code: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
