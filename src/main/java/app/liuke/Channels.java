package app.liuke;

import app.liuke.channel.ChannelGateway;
import app.liuke.channel.ChatPipeline;
import app.liuke.channel.Inbox;
import app.liuke.channel.InboundFlow;
import app.liuke.channel.telegram.TelegramConnection;
import app.liuke.channel.telegram.TelegramGateway;
import app.liuke.channel.telegram.TelegramUpdates;
import app.liuke.config.LiukeConfig;
import app.liuke.conversation.ConversationParts;
import app.liuke.outbox.Dispatcher;
import app.liuke.outbox.Outbox;
import app.liuke.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The running chat side of the service, wired from the composition root: the inbound flow (inbox,
 * per-chat workers, conversation), the outbox dispatcher, and the Telegram, WeChat and WeCom connections when enabled.
 */
public final class Channels implements AutoCloseable {
    /** Worker lanes: updates of one chat stay in order, different chats run in parallel. */
    private static final int LANES = 2;
    private final TelegramConnection telegram;
    private final app.liuke.channel.wechat.WechatAccount wechat;
    private final app.liuke.channel.wecom.WecomAccount wecom;
    private final app.liuke.channel.wecom.WecomTaskResults wecomTasks;
    private final Outbox outbox = new Outbox();
    private final Dispatcher dispatcher;
    private final app.liuke.outbox.SendGate gate;
    private final ChatPipeline pipeline;
    private final InboundFlow flow;

    Channels(LiukeConfig config, Database database, ConversationParts.Built conversation, TelegramConnection telegram,
             app.liuke.channel.wechat.WechatAccount wechat, app.liuke.channel.wecom.WecomAccount wecom,
             List<ChannelGateway> extraGateways, app.liuke.outbox.SendGate gate, Clock clock) {
        this.telegram = telegram;
        this.wechat = wechat;
        this.wecom = wecom;
        this.gate = gate;
        var windows = new app.liuke.channel.wechat.ReplyWindows();
        var gateways = new java.util.ArrayList<ChannelGateway>();
        if (telegram != null) {
            gateways.add(new TelegramGateway(telegram.client()));
        }
        if (wechat != null) {
            gateways.add(new app.liuke.channel.wechat.WechatGateway(wechat.api(), database, windows, clock));
        }
        if (wecom != null) {
            gateways.add(new app.liuke.channel.wecom.WecomAppGateway(wecom.api(), wecom.config().agentId(), wecom.config().dashboardUrl()));
            gateways.add(new app.liuke.channel.wecom.WecomContactGateway(wecom.api(), database, clock));
            gateways.add(new app.liuke.channel.wecom.WecomRobotGateway(wecom.api(), wecom.config().robots(), database, clock));
        }
        gateways.addAll(extraGateways);
        this.wecomTasks = wecom == null ? null : new app.liuke.channel.wecom.WecomTaskResults(wecom.api(), database, clock);
        this.dispatcher = new Dispatcher(database, outbox, gateways, conversation.events(), gate, config.dispatch(), clock,
                System::nanoTime);
        var inbox = new Inbox();
        var handler = new app.liuke.channel.wechat.WechatInbound(new app.liuke.channel.weixin.NumberedChoices(
                conversation.conversation(), outbox, java.util.Set.of("wechat", "wecom-app")), windows);
        this.pipeline = new ChatPipeline(database, inbox, outbox, handler, dispatcher::wake, clock);
        this.flow = new InboundFlow(database, inbox, pipeline,
                Map.of(TelegramUpdates.CHANNEL, new TelegramUpdates(telegram == null ? () -> null : telegram::username),
                        app.liuke.channel.wechat.WechatUpdates.CHANNEL, new app.liuke.channel.wechat.WechatUpdates(
                                wechat == null ? openid -> java.util.Optional.empty() : wechat::unionId),
                        app.liuke.channel.wecom.WecomUpdates.CHANNEL, new app.liuke.channel.wecom.WecomUpdates(
                                wecom == null ? id -> java.util.Optional.empty() : wecom::contact,
                                wecom == null ? id -> java.util.Optional.empty() : wecom::roster)),
                LANES, clock);
    }

    /** Resumes unfinished updates, starts sending (unless the caller drives the dispatcher), then connects to Telegram. */
    void start(boolean dispatchInBackground) {
        flow.start();
        if (dispatchInBackground) {
            dispatcher.start();
        }
        if (telegram != null) {
            telegram.start(flow);
        }
    }

    public InboundFlow flow() {
        return flow;
    }

    public ChatPipeline pipeline() {
        return pipeline;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The contact policy's last look before a message leaves (the dispatcher's, and the web chat's when the page fetches). */
    public app.liuke.outbox.SendGate gate() {
        return gate;
    }

    /** For /health: "disabled", or the Telegram connection's state. */
    public String telegramStatus() {
        return telegram == null ? "disabled" : telegram.status();
    }

    /** The WeChat Official Account when {@code wechat.enabled}, else null. */
    public app.liuke.channel.wechat.WechatAccount wechat() {
        return wechat;
    }

    /** The WeCom corp when {@code wecom.enabled}, else null. */
    public app.liuke.channel.wecom.WecomAccount wecom() {
        return wecom;
    }

    /** Settles WeCom mass-send tasks (run by the scheduler); null without WeCom. */
    public app.liuke.channel.wecom.WecomTaskResults wecomTasks() {
        return wecomTasks;
    }

    /** For /health: "disabled", or the WeCom API's state. */
    public String wecomStatus() {
        return wecom == null ? "disabled" : wecom.api().status();
    }

    /** For /health: "disabled", or the WeChat API's state (configured, up, or what went wrong last). */
    public String wechatStatus() {
        return wechat == null ? "disabled" : wechat.api().status();
    }

    @Override
    public void close() {
        if (telegram != null) {
            telegram.close();
        }
        flow.close();
        dispatcher.close();
    }
}
