package app.liuke.channel.telegram;

import app.liuke.channel.Button;
import app.liuke.channel.ChannelGateway;
import app.liuke.channel.Delivery;
import app.liuke.channel.Outbound;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends outbound messages with the TelegramBots client and turns Telegram's answers into
 * {@link Delivery} values: 429 → retry after {@code retry_after}, 403 → unreachable,
 * {@code migrate_to_chat_id} → chat moved. Never throws. Thread-safe.
 */
public final class TelegramGateway implements ChannelGateway {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramGateway.class);
    private final TelegramClient client;

    public TelegramGateway(TelegramClient client) {
        this.client = client;
    }

    @Override
    public String channel() {
        return TelegramUpdates.CHANNEL;
    }

    @Override
    public int maxTextLength() {
        return 4096;
    }

    @Override
    public Delivery deliver(Outbound message) {
        try {
            return new Delivery.Delivered(send(message));
        } catch (TelegramApiRequestException e) {
            return refused(e);
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("could not reach Telegram: {}", e.toString());
            return new Delivery.Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }

    private String send(Outbound message) throws TelegramApiException {
        if (message instanceof Outbound.SendText text) {
            var send = SendMessage.builder().chatId(text.chat().chatId()).text(text.text());
            if (!text.buttons().isEmpty()) {
                send.replyMarkup(keyboard(text.buttons()));
            }
            return client.execute(send.build()).getMessageId().toString();
        }
        if (message instanceof Outbound.EditText edit) {
            var send = EditMessageText.builder().chatId(edit.chat().chatId())
                    .messageId(Integer.valueOf(edit.messageId())).text(edit.text());
            if (!edit.buttons().isEmpty()) {
                send.replyMarkup(keyboard(edit.buttons()));
            }
            Serializable result = client.execute(send.build());
            return result instanceof Message sent ? sent.getMessageId().toString() : edit.messageId();
        }
        var answer = (Outbound.AnswerButton) message;
        boolean empty = answer.text() == null || answer.text().isEmpty();
        // a longer answer (a reason, a code) is shown as an alert the person closes, not a toast that vanishes
        client.execute(AnswerCallbackQuery.builder().callbackQueryId(answer.callbackId())
                .text(empty ? null : answer.text()).showAlert(!empty && answer.text().length() > 40).build());
        return answer.callbackId();
    }

    private static InlineKeyboardMarkup keyboard(List<List<Button>> rows) {
        return InlineKeyboardMarkup.builder().keyboard(rows.stream()
                .map(row -> new InlineKeyboardRow(row.stream()
                        .map(button -> InlineKeyboardButton.builder().text(button.label()).callbackData(button.data()).build())
                        .toList()))
                .toList()).build();
    }

    private static Delivery refused(TelegramApiRequestException e) {
        int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
        var parameters = e.getParameters();
        if (parameters != null && parameters.getMigrateToChatId() != null) {
            return new Delivery.ChatMoved(parameters.getMigrateToChatId().toString());
        }
        if (code == 429) {
            int wait = parameters == null || parameters.getRetryAfter() == null ? 1 : parameters.getRetryAfter();
            return new Delivery.RetryLater(Duration.ofSeconds(Math.max(1, wait)));
        }
        if (code == 403) {
            return new Delivery.Unreachable(e.getApiResponse());
        }
        if (code == 400 && String.valueOf(e.getApiResponse()).contains("message is not modified")) {
            return new Delivery.Delivered(null);
        }
        return new Delivery.Failed(code + " " + e.getApiResponse(), code >= 400 && code < 500);
    }
}
