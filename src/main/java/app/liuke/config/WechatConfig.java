package app.liuke.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads and checks the {@code wechat} and {@code wecom} sections. Stateless. */
final class WechatConfig {
    private WechatConfig() {
    }

    static LiukeConfig.Wechat wechat(ConfigReader reader, Set<String> campaigns) {
        reader.section("wechat");
        boolean enabled = reader.bool("wechat.enabled", false);
        String appId = enabled ? reader.requiredString("wechat.appId", "when wechat.enabled is true (公众号 AppID)")
                : reader.string("wechat.appId", "");
        String secret = enabled ? reader.requiredString("wechat.secret", "when wechat.enabled is true (AppSecret, e.g. ${WECHAT_SECRET})")
                : reader.string("wechat.secret", "");
        String token = enabled ? reader.requiredString("wechat.token", "when wechat.enabled is true (服务器配置 → Token)")
                : reader.string("wechat.token", "");
        String aesKey = reader.string("wechat.aesKey", "");
        if (!aesKey.isEmpty() && !aesKey.matches("[A-Za-z0-9]{43}")) {
            reader.error("wechat.aesKey", "must be the 43 letters and digits of the EncodingAESKey (or empty for plain mode)");
        }
        if (!token.isEmpty() && !token.matches("[A-Za-z0-9]{3,32}")) {
            reader.error("wechat.token", "must be 3 to 32 letters or digits, as WeChat requires");
        }
        String apiUrl = reader.string("wechat.apiUrl", "https://api.weixin.qq.com");
        if (!apiUrl.matches("https?://\\S+")) {
            reader.error("wechat.apiUrl", "must be an http:// or https:// address, not '" + apiUrl + "'");
        }
        return new LiukeConfig.Wechat(enabled, appId, secret, token, aesKey, apiUrl, templates(reader, campaigns));
    }

    private static Map<String, LiukeConfig.WechatTemplate> templates(ConfigReader reader, Set<String> campaigns) {
        reader.section("wechat.templates");
        var templates = new LinkedHashMap<String, LiukeConfig.WechatTemplate>();
        for (String campaign : reader.keys("wechat.templates")) {
            String path = "wechat.templates." + campaign;
            reader.section(path);
            if (!campaigns.contains(campaign)) {
                reader.error(path, "no campaign is called '" + campaign + "' (campaigns: " + String.join(", ", campaigns) + ")");
            }
            String id = reader.requiredString(path + ".id", "(the template id from 公众号后台 → 模板消息)");
            String url = reader.string(path + ".url", "");
            reader.section(path + ".fields");
            var fields = new LinkedHashMap<String, String>();
            for (String field : reader.keys(path + ".fields")) {
                fields.put(field, reader.string(path + ".fields." + field, ""));
            }
            if (fields.isEmpty()) {
                reader.error(path + ".fields", "name at least one field of the template, e.g. first: \"{text}\"");
            }
            templates.put(campaign, new LiukeConfig.WechatTemplate(id, url, fields));
        }
        return templates;
    }

    static LiukeConfig.Wecom wecom(ConfigReader reader) {
        reader.section("wecom");
        boolean enabled = reader.bool("wecom.enabled", false);
        String why = "when wecom.enabled is true";
        String corpId = enabled ? reader.requiredString("wecom.corpId", why + " (我的企业 → 企业ID)") : reader.string("wecom.corpId", "");
        int agentId = reader.integer("wecom.agentId", 0, 0, Integer.MAX_VALUE);
        if (enabled && agentId == 0) {
            reader.error("wecom.agentId", "is required " + why + " (应用管理 → 自建应用 → AgentId)");
        }
        String secret = enabled ? reader.requiredString("wecom.secret", why + " (the app's Secret, e.g. ${WECOM_SECRET})")
                : reader.string("wecom.secret", "");
        String token = enabled ? reader.requiredString("wecom.token", why + " (接收消息 → Token)") : reader.string("wecom.token", "");
        String aesKey = enabled ? reader.requiredString("wecom.aesKey", why + " (接收消息 → EncodingAESKey)")
                : reader.string("wecom.aesKey", "");
        if (!aesKey.isEmpty() && !aesKey.matches("[A-Za-z0-9]{43}")) {
            reader.error("wecom.aesKey", "must be the 43 letters and digits of the EncodingAESKey");
        }
        String apiUrl = reader.string("wecom.apiUrl", "https://qyapi.weixin.qq.com");
        if (!apiUrl.matches("https?://\\S+")) {
            reader.error("wecom.apiUrl", "must be an http:// or https:// address, not '" + apiUrl + "'");
        }
        var owners = reader.stringList("wecom.owners");
        int cap = reader.integer("wecom.monthlyCap", 4, 0, 31);
        reader.section("wecom.robots");
        var robots = new LinkedHashMap<String, String>();
        for (String group : reader.keys("wecom.robots")) {
            robots.put(group, reader.requiredString("wecom.robots." + group, "(the robot's webhook key)"));
        }
        String dashboard = reader.string("wecom.dashboardUrl", "");
        if (!dashboard.isEmpty() && !dashboard.matches("https?://\\S+")) {
            reader.error("wecom.dashboardUrl", "must be an http:// or https:// address, not '" + dashboard + "'");
        }
        return new LiukeConfig.Wecom(enabled, corpId, agentId, secret, token, aesKey, apiUrl, owners, cap, robots,
                dashboard.endsWith("/") ? dashboard.substring(0, dashboard.length() - 1) : dashboard);
    }
}
