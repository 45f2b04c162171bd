package app.liuke.channel.wecom;

import app.liuke.channel.weixin.WeixinApi;
import app.liuke.channel.weixin.WeixinCallbacks;
import app.liuke.channel.weixin.WeixinCrypto;
import app.liuke.config.LiukeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's WeCom corp as configured: the self-built app's API client (token from {@code gettoken}
 * with the app's secret), its callback checks (always encrypted, corpId inside), and the look-ups the
 * callbacks need: an external contact's name and unionid, a customer group's members. Thread-safe.
 */
public final class WecomAccount {
    private final LiukeConfig.Wecom config;
    private final WeixinApi api;
    private final WeixinCallbacks callbacks;

    /** An external contact as WeCom describes them. */
    public record Contact(String name, String unionId) {
    }

    /** A customer group: its name and members (userid, 1 = staff, 2 = external; name; unionid when known). */
    public record Roster(String name, List<Member> members) {
        public Roster {
            members = List.copyOf(members);
        }
    }

    public record Member(String userId, int type, String name, String unionId) {
    }

    /** {@code tokens} keeps the access token for the other instances and the next start. */
    public WecomAccount(LiukeConfig.Wecom config, Clock clock, MeterRegistry metrics, app.liuke.channel.weixin.TokenStore tokens) {
        this.config = config;
        this.api = new WeixinApi(WecomUpdates.CHANNEL, config.apiUrl(), "/cgi-bin/gettoken",
                Map.of("corpid", config.corpId(), "corpsecret", config.secret()), clock, metrics, tokens);
        this.callbacks = new WeixinCallbacks(new WeixinCrypto(config.token(), config.aesKey(), config.corpId()), clock);
    }

    public LiukeConfig.Wecom config() {
        return config;
    }

    public WeixinApi api() {
        return api;
    }

    public WeixinCallbacks callbacks() {
        return callbacks;
    }

    /** {@code externalcontact/get}: the contact's name and unionid; empty when WeCom does not answer. */
    public Optional<Contact> contact(String externalUserId) {
        try {
            var reply = api.get("/cgi-bin/externalcontact/get", Map.of("external_userid", externalUserId));
            if (!reply.ok()) {
                return Optional.empty();
            }
            JsonNode contact = reply.body().path("external_contact");
            return Optional.of(new Contact(contact.path("name").asText(""), contact.path("unionid").textValue()));
        } catch (WeixinApi.Unreachable e) {
            return Optional.empty();
        }
    }

    /** {@code externalcontact/groupchat/get}: who is in the group now; empty when WeCom does not answer. */
    public Optional<Roster> roster(String chatId) {
        try {
            var reply = api.post("/cgi-bin/externalcontact/groupchat/get", Map.of("chat_id", chatId, "need_name", 1));
            if (!reply.ok()) {
                return Optional.empty();
            }
            JsonNode group = reply.body().path("group_chat");
            var members = new ArrayList<Member>();
            group.path("member_list").forEach(member -> members.add(new Member(member.path("userid").asText(),
                    member.path("type").asInt(), member.path("name").asText(""), member.path("unionid").textValue())));
            return Optional.of(new Roster(group.path("name").asText(""), members));
        } catch (WeixinApi.Unreachable e) {
            return Optional.empty();
        }
    }
}
