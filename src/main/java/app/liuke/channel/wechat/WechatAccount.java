package app.liuke.channel.wechat;

import app.liuke.channel.weixin.TokenStore;
import app.liuke.channel.weixin.WeixinApi;
import app.liuke.channel.weixin.WeixinCallbacks;
import app.liuke.channel.weixin.WeixinCrypto;
import app.liuke.config.LiukeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;

/** The shop's Official Account as configured: its API client and its callback checks. Built once; thread-safe. */
public final class WechatAccount {
    private final WeixinApi api;
    private final WeixinCallbacks callbacks;

    /** {@code tokens} keeps the access token for the other instances (and the next start): WeChat retires the previous one at each fetch. */
    public WechatAccount(LiukeConfig.Wechat config, Clock clock, MeterRegistry metrics, TokenStore tokens) {
        this.api = new WeixinApi(WechatUpdates.CHANNEL, config.apiUrl(), "/cgi-bin/token",
                Map.of("grant_type", "client_credential", "appid", config.appId(), "secret", config.secret()), clock, metrics,
                tokens);
        this.callbacks = new WeixinCallbacks(new WeixinCrypto(config.token(), config.aesKey(), config.appId()), clock);
    }

    public WeixinApi api() {
        return api;
    }

    public WeixinCallbacks callbacks() {
        return callbacks;
    }

    /** The follower's unionid (only for an account bound to a WeChat Open Platform account); empty when none or unreachable. */
    public java.util.Optional<String> unionId(String openid) {
        try {
            var reply = api.get("/cgi-bin/user/info", Map.of("openid", openid, "lang", "zh_CN"));
            return reply.ok() ? java.util.Optional.ofNullable(reply.body().path("unionid").textValue()) : java.util.Optional.empty();
        } catch (WeixinApi.Unreachable e) {
            return java.util.Optional.empty();
        }
    }

    /** Creates the custom menu (自定义菜单) from its JSON; the API's answer. */
    public WeixinApi.Reply createMenu(String menuJson) {
        return api.post("/cgi-bin/menu/create", menuJson);
    }
}
