package app.liuke.channel.telegram;

import app.liuke.channel.InboundFlow;
import app.liuke.config.LiukeConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The bot's connection to the Bot API at {@code telegram.apiUrl}: learns the bot's username,
 * registers the webhook when {@code telegram.publicUrl} is set, or long-polls getUpdates into the
 * same inbound flow in polling mode. The token never appears in a log line.
 */
public final class TelegramConnection implements AutoCloseable {
    /** The update kinds we ask for; chat_member must be named or Telegram never sends it. */
    public static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "chat_member", "my_chat_member");
    private static final Logger LOG = LoggerFactory.getLogger(TelegramConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LiukeConfig.Telegram config;
    private final TelegramClient client;
    private volatile String username;
    private volatile String status = "starting";
    private volatile boolean running;
    private Thread poller;

    private volatile java.util.function.BooleanSupplier leads = () -> true;

    public TelegramConnection(LiukeConfig.Telegram config) {
        this.config = config;
        var http = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS).build();
        this.client = new OkHttpTelegramClient(http, config.token(), url(config.apiUrl()));
    }

    private static TelegramUrl url(String apiUrl) {
        URI uri = URI.create(apiUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        return TelegramUrl.builder().schema(uri.getScheme()).host(uri.getHost()).port(port).testServer(false).build();
    }

    public TelegramClient client() {
        return client;
    }

    /**
     * Polls only while {@code leads} says so: with several instances on one database only the leader
     * asks Telegram for updates (Telegram allows one getUpdates at a time). A new leader starts from the
     * updates Telegram still holds; those already stored are refused by the inbox as repeats.
     */
    public TelegramConnection onlyWhile(java.util.function.BooleanSupplier leads) {
        this.leads = leads;
        return this;
    }

    /** The bot's @username (without @), or null until getMe answered. */
    public String username() {
        return username;
    }

    /** For /health: starting, connected, polling, or unreachable. */
    public String status() {
        return status;
    }

    /** Calls getMe, then setWebhook (webhook mode with a public URL) or starts polling. Failures are logged, not fatal. */
    public void start(InboundFlow flow) {
        running = true;
        learnUsername();
        if ("polling".equals(config.mode())) {
            poller = new Thread(() -> poll(flow), "liuke-telegram-polling");
            poller.setDaemon(true);
            poller.start();
        } else if (!config.publicUrl().isEmpty()) {
            registerWebhook();
        }
    }

    private void learnUsername() {
        try {
            username = client.execute(new GetMe()).getUserName();
            status = "connected";
        } catch (TelegramApiException | RuntimeException e) {
            status = "unreachable";
            LOG.warn("Telegram getMe failed ({}); commands addressed as /cmd@bot are accepted for any bot name", e.getMessage());
        }
    }

    private void registerWebhook() {
        String address = config.publicUrl().replaceAll("/+$", "") + "/telegram/webhook";
        try {
            client.execute(SetWebhook.builder().url(address).secretToken(config.webhookSecret())
                    .allowedUpdates(ALLOWED_UPDATES).maxConnections(40).build());
            LOG.info("Telegram webhook set to {}", address);
        } catch (TelegramApiException | RuntimeException e) {
            status = "unreachable";
            LOG.error("setWebhook for {} failed: {}", address, e.getMessage());
        }
    }

    private void poll(InboundFlow flow) {
        long offset = 0;
        try {
            client.execute(DeleteWebhook.builder().build());
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("deleteWebhook before polling failed: {}", e.getMessage());
        }
        while (running) {
            if (!leads.getAsBoolean()) {
                status = "standby";
                pause(Duration.ofSeconds(1));
                continue;
            }
            try {
                List<Update> updates = client.execute(GetUpdates.builder().offset((int) offset).timeout(25)
                        .allowedUpdates(ALLOWED_UPDATES).build());
                status = "polling";
                for (Update update : updates) {
                    byte[] json = JSON.writeValueAsBytes(update);
                    flow.submit(TelegramIngest.read(json)).get(30, TimeUnit.SECONDS);
                    offset = Math.max(offset, update.getUpdateId() + 1L);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                status = "unreachable";
                LOG.warn("getUpdates failed ({}); retrying in 5 s", e.getMessage());
                pause(Duration.ofSeconds(5));
            }
        }
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (poller != null) {
            poller.interrupt();
        }
    }
}
