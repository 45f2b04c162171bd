package app.liuke.channel;

import java.time.Duration;

/** What happened when a gateway tried to deliver one outbound message. */
public sealed interface Delivery {
    record Delivered(String externalId) implements Delivery {
    }

    /** Too many requests: try again after the wait (Telegram's 429 {@code retry_after}). */
    record RetryLater(Duration delay) implements Delivery {
    }

    /** The person blocked the bot or the chat is gone (Telegram's 403); stop sending there. */
    record Unreachable(String reason) implements Delivery {
    }

    /** The group moved to a new chat id (became a supergroup); send there instead. */
    record ChatMoved(String newChatId) implements Delivery {
    }

    /** The channel would not carry it and there was no other way (WeChat's closed window): ended as skipped with the reason. */
    record Skipped(String reason) implements Delivery {
    }

    /** Not yet: this message (and its chat) waits {@code delay}, counted as no attempt (a robot's own pace). */
    record Later(Duration delay) implements Delivery {
    }

    /** Anything else; {@code permanent} failures are not retried. */
    record Failed(String reason, boolean permanent) implements Delivery {
    }
}
