package app.liuke.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base for tests against the web server: a fresh shop serving on a random port before each test, closed after. */
public abstract class WebShopTest {
    @TempDir
    protected Path folder;
    protected TestShop shop;

    @BeforeEach
    void startWebShop() {
        shop = TestShop.create(folder).startWeb();
    }

    @AfterEach
    void stopWebShop() {
        shop.close();
    }
}
