package app.liuke.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for tests that talk to the shop over Telegram: before each test a fake Bot API and a shop
 * with Telegram on (webhook mode) against it, serving on a random port; both closed afterwards.
 */
public abstract class TelegramShopTest {
    @TempDir
    protected Path folder;
    protected FakeBotApi api;
    protected TestShop shop;

    @BeforeEach
    void startTelegramShop() {
        api = new FakeBotApi();
        shop = TestShop.withTelegram(folder, api.url(), "webhook").startWeb();
    }

    @AfterEach
    void stopTelegramShop() {
        shop.close();
        api.close();
    }
}
