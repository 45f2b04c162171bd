package app.liuke.channel.wechat;

import app.liuke.store.Handle;
import java.time.Duration;
import java.time.Instant;

/**
 * WeChat's reply window per follower (客服消息, rules since June 2023): a message from the follower
 * allows 5 messages within 48 hours; a menu click, a follow or a scan allows 3 within a minute. A new
 * interaction extends the window and refills the allowance, never shortens either. Kept on the
 * follower's channel identity. Stateless; runs in the caller's transaction.
 */
public final class ReplyWindows {
    /** How long and how many messages one kind of interaction allows. */
    record Allowance(Duration open, int messages) {
    }

    static Allowance allowance(String kind) {
        return kind.equals("message") ? new Allowance(Duration.ofHours(48), 5) : new Allowance(Duration.ofMinutes(1), 3);
    }

    /** The follower interacted ({@code kind}: message, menu, follow or scan) at {@code now}. */
    public void opened(Handle handle, String openid, String kind, Instant now) {
        var allowance = allowance(kind);
        long until = now.plus(allowance.open()).getEpochSecond();
        handle.update("""
                UPDATE channel_identity SET
                  window_left = CASE WHEN window_until > :now THEN max(window_left, :messages) ELSE :messages END,
                  window_until = CASE WHEN window_until > :now THEN max(window_until, :until) ELSE :until END
                WHERE channel = 'wechat' AND external_id = :openid""",
                "now", now.getEpochSecond(), "messages", allowance.messages(), "until", until, "openid", openid);
    }

    /** True while a free message (客服消息) may still reach the follower. */
    public boolean open(Handle handle, String openid, Instant now) {
        return handle.queryLong("""
                SELECT count(*) FROM channel_identity WHERE channel = 'wechat' AND external_id = :openid
                  AND window_until > :now AND window_left > 0""", "openid", openid, "now", now.getEpochSecond()) > 0;
    }

    /** One message of the allowance was used. */
    public void used(Handle handle, String openid) {
        handle.update("""
                UPDATE channel_identity SET window_left = window_left - 1
                WHERE channel = 'wechat' AND external_id = :openid AND window_left > 0""", "openid", openid);
    }

    /** WeChat said the window is shut (45015/45047): nothing more until the follower speaks again. */
    public void closed(Handle handle, String openid) {
        handle.update("UPDATE channel_identity SET window_left = 0 WHERE channel = 'wechat' AND external_id = :openid",
                "openid", openid);
    }
}
