package app.liuke.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.Browser;
import app.liuke.support.TestShop;
import app.liuke.support.WebShopTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The web chat at /chat: the same engine and commands as Telegram, in a real headless Chromium. */
class WebChatTest extends WebShopTest {
    @Test
    void aVisitor_startsChatsAndPressesAButton_inTheBrowser() {
        try (var browser = new Browser(folder.resolve("profile"))) {
            browser.driver.get("http://127.0.0.1:" + shop.port() + "/chat");
            var wait = browser.waiting();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "欢迎"));
            browser.driver.findElements(By.cssSelector(".choices button")).get(0).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "会员卡"));
            var input = browser.driver.findElement(By.id("text"));
            input.sendKeys("<b>hi</b>" + Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "/help"));
            assertTrue(browser.driver.findElements(By.cssSelector("#messages b")).isEmpty(), "text is never rendered as HTML");
            input.sendKeys("/sale #1 100" + Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "店员"));
        }
        assertEquals(1, shop.queryLong("SELECT count(*) FROM channel_identity WHERE channel = 'web'"));
        assertEquals(0, shop.count("purchase"));
    }

    @Test
    void aCustomerAnswersTheSurveyInTheBrowser_byButtonsAndTyping() {
        try (var browser = new Browser(folder.resolve("profile"))) {
            browser.driver.get("http://127.0.0.1:" + shop.port() + "/chat");
            var wait = browser.waiting();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "欢迎"));
            long customer = shop.queryLong("SELECT customer_id FROM channel_identity WHERE channel = 'web'");
            assertEquals(201, shop.post("/api/purchases", "{\"customerId\":" + customer + ",\"amount\":680}").status());
            var input = browser.driver.findElement(By.id("text"));
            input.sendKeys("/survey" + Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "（1/4）"));
            clickButton(browser, "5");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "（2/4）"));
            clickButton(browser, "10");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "（3/4）"));
            clickButton(browser, "服务热情周到");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "（4/4）"));
            input.sendKeys("很好，谢谢" + Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "收到啦"));
        }
        assertEquals("completed", shop.liuke.database().read(h -> h.queryOne("SELECT status FROM survey_response",
                row -> row.getString(1)).orElseThrow()));
        assertEquals(0, shop.count("follow_up_task"), "high scores open no task");
    }

    /** Clicks the last button with this label (the newest question's). */
    private static void clickButton(Browser browser, String label) {
        var buttons = browser.driver.findElements(By.cssSelector(".choices button")).stream()
                .filter(button -> button.getText().equals(label)).toList();
        buttons.get(buttons.size() - 1).click();
    }

    @Test
    void withTheAdminToken_theWebChatSpeaksAsTheOwner() {
        shop.post("/api/customers", "{\"name\":\"王女士\",\"phone\":\"13800138000\"}");
        try (var browser = new Browser(folder.resolve("profile"))) {
            browser.driver.get("http://127.0.0.1:" + shop.port() + "/chat");
            var wait = browser.waiting();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "欢迎"));
            browser.driver.findElement(By.id("settings")).click();
            var token = browser.driver.findElement(By.id("token"));
            token.sendKeys(TestShop.TOKEN + Keys.TAB);
            browser.driver.findElement(By.id("text")).sendKeys("/sale 8000 1280 手链" + Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "已记录"));
        }
        assertEquals(1, shop.count("purchase"));
    }

    /** A session the server issues, as the page asks for one. */
    private String newSession() {
        return shop.send("POST", "/chat/api/session", null, null).json().path("session").asText();
    }

    @Test
    void theChatApi_refusesBadInputWithClearErrors() {
        String session = newSession();
        assertEquals(400, shop.send("POST", "/chat/api/messages", "{\"session\":\"short\",\"text\":\"hi\"}", null).status());
        assertEquals(400, shop.send("POST", "/chat/api/messages", "{\"session\":\"" + session + "\",\"text\":\"\"}", null).status());
        assertEquals(400, shop.send("POST", "/chat/api/messages", "{\"session\":\"" + session + "\",\"text\":\""
                + "x".repeat(5000) + "\"}", null).status());
        assertEquals(400, shop.send("POST", "/chat/api/messages", "not json", null).status());
        var wrongToken = shop.send("POST", "/chat/api/messages", "{\"session\":\"" + session + "\",\"text\":\"/sale #1 5\"}", "nope");
        assertEquals(401, wrongToken.status());
        var ok = shop.send("POST", "/chat/api/messages", "{\"session\":\"" + session + "\",\"text\":\"/help\"}", null);
        assertEquals(200, ok.status(), ok.body());
        assertTrue(ok.json().path("messages").get(0).path("text").asText().contains("/me"));
        var again = shop.send("GET", "/chat/api/messages?session=" + session + "&after=" + ok.json().path("last").asLong(), null, null);
        assertEquals(0, again.json().path("messages").size());
    }

    @Test
    void aCampaignMessage_reachesTheWebChat_butNotAfterTheCustomerOptedOut() {
        String stays = newSession();
        String leaves = newSession();
        for (String session : List.of(stays, leaves)) {
            var joined = shop.send("POST", "/chat/api/messages", "{\"session\":\"" + session + "\",\"text\":\"/start\"}", null);
            assertEquals(200, joined.status(), joined.body());
        }
        shop.liuke.database().useTransaction(h -> h.update("UPDATE customer SET tier = 'A'"));
        assertEquals(2, shop.liuke.campaigns().broadcasts().now("tier:A", "新品到店，欢迎来看看").queued());

        var stop = shop.send("POST", "/chat/api/messages", "{\"session\":\"" + leaves + "\",\"text\":\"/stop\",\"after\":0}", null);
        assertEquals(200, stop.status(), stop.body());
        assertTrue(!stop.body().contains("新品到店"), "opted out after planning: the gate's last look skips it\n" + stop.body());
        assertEquals(1, shop.queryLong("SELECT count(*) FROM outbox WHERE campaign = 'broadcast' AND status = 'skipped'"
                + " AND reason = 'opted-out'"));

        var poll = shop.send("GET", "/chat/api/messages?session=" + stays + "&after=0", null, null);
        assertTrue(poll.body().contains("新品到店，欢迎来看看"), poll.body());
        assertEquals(1, shop.queryLong("SELECT count(*) FROM outbox WHERE campaign = 'broadcast' AND status = 'sent'"));
    }
}
