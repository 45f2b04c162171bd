package app.liuke.cli;

import app.liuke.channel.wechat.WechatAccount;
import app.liuke.channel.wechat.WechatMenuJson;
import app.liuke.channel.weixin.WeixinApi;
import app.liuke.conversation.script.ScriptLoader;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "wechat", mixinStandardHelpOptions = true,
        description = {"The shop's WeChat Official Account. 'menu' creates its custom menu (自定义菜单) from",
                "bot-scripts/wechat-menu.yaml, replacing the one it has; followers see it within minutes.",
                "Needs wechat.enabled, wechat.appId and wechat.secret, and this machine's IP in the account's",
                "IP allow-list (公众号后台 → 设置与开发 → 基本配置 → IP白名单).",
                "Examples:  wechat menu            wechat menu --print   (shows the menu's JSON, sends nothing)"})
final class WechatCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(index = "0", description = "menu")
    String action;

    @Option(names = "--print", description = "print the menu's JSON instead of sending it")
    boolean print;

    @Override
    public Integer call() {
        if (!"menu".equals(action)) {
            System.err.println("Unknown action '" + action + "'. The wechat command knows: menu");
            return 2;
        }
        var loaded = config.load();
        var scripts = ScriptLoader.load(loaded.botScripts());
        if (!scripts.errors().isEmpty()) {
            System.err.println("bot-scripts have problems; nothing was sent:");
            scripts.errors().forEach(error -> System.err.println("  " + error));
            return 2;
        }
        String json = WechatMenuJson.of(scripts.scripts().wechatMenu());
        if (print) {
            System.out.println(json);
            return 0;
        }
        if (!loaded.wechat().enabled()) {
            System.err.println("WeChat is not enabled: set wechat.enabled, wechat.appId and wechat.secret in the config first.");
            return 2;
        }
        // The running service's token, from the shop's database: a token of our own would retire the service's.
        try (var database = app.liuke.store.Database.open(loaded.store())) {
            WeixinApi.Reply reply = new WechatAccount(loaded.wechat(), Clock.systemUTC(), null,
                    new app.liuke.channel.weixin.SharedTokens(database)).createMenu(json);
            if (!reply.ok()) {
                System.err.println("WeChat refused the menu: " + reply.errcode() + " " + reply.errmsg()
                        + (reply.errcode() == 40164 ? " (add this machine's IP to the account's IP allow-list)" : ""));
                return 1;
            }
        } catch (WeixinApi.Unreachable e) {
            System.err.println("Could not reach WeChat: " + e.getMessage());
            return 1;
        }
        int buttons = scripts.scripts().wechatMenu().buttons().size();
        System.out.println("The menu is set: " + buttons + " buttons (" + scripts.scripts().wechatMenu().buttons().stream()
                .map(item -> item.name()).collect(java.util.stream.Collectors.joining(" · ")) + ").");
        return 0;
    }
}
