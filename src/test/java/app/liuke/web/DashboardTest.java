package app.liuke.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.Browser;
import app.liuke.support.WebShopTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard at / in a real headless Chromium: the token login (a wrong token is refused), the
 * overview cards and Chart.js charts with the shop's figures, the to-do list, a customer's page, the
 * English switch, and every asset served by Liuke itself. Saves target/dashboard.png for the README.
 */
class DashboardTest extends WebShopTest {

    private long seed() {
        long wang = shop.post("/api/customers", "{\"name\": \"王芳\", \"phone\": \"13800138000\"}").json().at("/customer/id").asLong();
        long li = shop.post("/api/customers", "{\"name\": \"李娜\"}").json().at("/customer/id").asLong();
        shop.post("/api/purchases", "{\"customerId\": " + wang + ", \"amount\": 680, \"items\": [\"手链\"], \"date\": \"2026-03-02\"}");
        shop.post("/api/purchases", "{\"customerId\": " + wang + ", \"amount\": 120, \"items\": [\"耳钉\"]}");
        shop.post("/api/purchases", "{\"amount\": 200}");
        shop.clock.advance(java.time.Duration.ofDays(10));           // 李娜 has now waited 10 days for a first follow-up
        shop.post("/api/customers/" + wang + "/follow-ups", "{\"method\": \"phone\", \"content\": \"电话回访，很满意\"}");
        shop.liuke.database().useTransaction(handle -> {
            long response = handle.insert("""
                    INSERT INTO survey_response (survey, occurrence, customer_id, channel, chat_id, language, status, invited_at,
                                                 updated_at, expires_at) VALUES ('post-purchase', 'x', :c, 'web', 'w', 'zh', 'completed', :now, :now, :now)""",
                    "c", wang, "now", shop.clock.instant().getEpochSecond());
            handle.update("INSERT INTO survey_answer (response_id, question, kind, score, answered_at) VALUES (:r, 'satisfaction', 'csat', 4, :now)",
                    "r", response, "now", shop.clock.instant().getEpochSecond());
            handle.update("INSERT INTO survey_answer (response_id, question, kind, score, answered_at) VALUES (:r, 'recommend', 'nps', 3, :now)",
                    "r", response, "now", shop.clock.instant().getEpochSecond());
            shop.liuke.trends().snapshot(handle, shop.clock.instant());
        });
        assertTrue(li > wang);
        return wang;
    }

    private Object js(Browser browser, String script) {
        return ((JavascriptExecutor) browser.driver).executeScript(script);
    }

    @Test
    void theManagerSignsIn_readsTheOverview_andOpensACustomer() throws Exception {
        long wang = seed();
        String base = "http://127.0.0.1:" + shop.port();
        try (var browser = new Browser(folder.resolve("profile"))) {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1500));
            browser.driver.get(base + "/");
            var wait = browser.waiting();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys("wrong-token");
            browser.driver.findElement(By.id("login-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "令牌不对"));

            browser.driver.findElement(By.id("token")).clear();
            browser.driver.findElement(By.id("token")).sendKeys(TestShopToken.VALUE);
            browser.driver.findElement(By.id("login-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-sales"), "¥1,000.00"));
            assertTrue(browser.driver.findElement(By.id("card-registration")).getText().contains("66.7%"), "2 of 3 purchases on file");
            assertTrue(browser.driver.findElement(By.id("card-customers")).getText().contains("2"));
            assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L), js(browser, "return Chart.getChart('chart-tiers').data.datasets[0].data"),
                    "no A-tier customers yet");
            assertEquals(1L, js(browser, "return Chart.getChart('chart-tiers').data.datasets[1].data[2]"),
                    "王芳 bought twice: B, repeat");
            assertEquals(1L, js(browser, "return Chart.getChart('chart-tiers').data.datasets[2].data[0]"), "李娜: C, potential");
            assertEquals(1L, js(browser, "return Chart.getChart('chart-flow').data.labels.length"), "one snapshot day");
            assertEquals(4.0, ((Number) js(browser, "return Chart.getChart('chart-satisfaction').data.datasets[0].data[0]")).doubleValue());
            String todo = browser.driver.findElement(By.id("todo")).getText();
            assertTrue(todo.contains("李娜"), "the shop's to-do list: " + todo);
            saveScreenshot(browser, "dashboard.png");

            browser.driver.findElement(By.id("search")).sendKeys("8000");               // the last digits of her phone
            browser.driver.findElement(By.cssSelector("#search-form button")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText("#" + wang + " 王芳"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-name"), "王芳"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-purchases"), "手链"));
            assertTrue(browser.driver.findElement(By.id("customer-follow-ups")).getText().contains("电话回访，很满意"));
            String answers = browser.driver.findElement(By.id("customer-surveys")).getText();
            assertTrue(answers.contains("购物满意度回访") && answers.contains("这次购物您满意吗"), "titles and questions, not ids: " + answers);
            assertTrue(answers.contains("⚠️ 3 · 低分") && !answers.contains("post-purchase"), answers);
            assertTrue(browser.driver.findElement(By.id("customer-history")).getText().contains("→"));
            assertTrue(!browser.driver.findElement(By.id("tier-reason")).getText().isBlank(), "the tier is explained");
            saveScreenshot(browser, "dashboard-customer.png");

            browser.driver.findElement(By.id("language")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-tier"), "Tier"));
            for (String explained : List.of("tier-reason", "stage-reason", "customer-surveys")) {
                wait.until(driver -> !driver.findElement(By.id(explained)).getText().matches("(?s).*\\p{IsHan}.*"));
            }
            assertTrue(browser.driver.findElement(By.id("customer-surveys")).getText().contains("low score"));
            browser.driver.findElement(By.id("nav-overview")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-sales"), "Sales this month"));

            @SuppressWarnings("unchecked")
            var loaded = (List<String>) js(browser, "return performance.getEntriesByType('resource').map(e => e.name)");
            assertTrue(loaded.stream().anyMatch(url -> url.endsWith("/dashboard/chart.umd.js")), loaded.toString());
            assertTrue(loaded.stream().allMatch(url -> url.startsWith(base)), "nothing from outside the jar: " + loaded);
        }
    }

    /** True when the page can be scrolled sideways (it should not, at any width). */
    private boolean scrollsSideways(Browser browser) {
        return (Boolean) js(browser, "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
    }

    @Test
    void atPhoneAndDesktopWidths_nothingSpills_pagesStartAtTheTop_andAnUnknownCustomerShowsNobody() throws Exception {
        long wang = seed();
        String base = "http://127.0.0.1:" + shop.port();
        assertEquals(200, shop.send("GET", "/favicon.ico", null, null).status());
        try (var browser = new Browser(folder.resolve("layout"))) {
            var wait = browser.waiting();
            for (var size : List.of(new org.openqa.selenium.Dimension(390, 844), new org.openqa.selenium.Dimension(1400, 900))) {
                browser.driver.manage().window().setSize(size);
                browser.driver.get(base + "/");
                if (!browser.driver.findElements(By.id("token")).isEmpty() && browser.driver.findElement(By.id("token")).isDisplayed()) {
                    browser.driver.findElement(By.id("token")).sendKeys(TestShopToken.VALUE);
                    browser.driver.findElement(By.id("login-button")).click();
                }
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-sales"), "¥"));
                assertFalse(scrollsSideways(browser), "the overview scrolls sideways at " + size);
                assertEquals(Boolean.TRUE, js(browser, "return [...document.querySelectorAll('header h1, header nav a, header nav button')]"
                        + ".every(e => e.getClientRects().length <= 1)"), "no header word breaks across lines at " + size);

                js(browser, "window.scrollTo(0, 400)");
                browser.driver.get(base + "/#customer/" + wang);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-name"), "王芳"));
                assertEquals(0L, ((Number) js(browser, "return Math.round(window.scrollY)")).longValue(), "a new page starts at its top");
                assertFalse(scrollsSideways(browser), "the customer page scrolls sideways at " + size);
                assertEquals(Boolean.TRUE, js(browser, "return [...document.querySelectorAll('#customer-facts .card')]"
                        + ".every(c => c.scrollWidth <= c.clientWidth + 1)"), "the phone number stays inside its card at " + size);

                browser.driver.get(base + "/#customer/99999");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
                assertTrue(browser.driver.findElement(By.id("error")).getText().contains("没有这位顾客"));
                assertFalse(browser.driver.findElement(By.id("customer")).isDisplayed(), "王芳 is no longer on screen");
            }
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.driver.get(base + "/chat");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text")));
            for (int i = 0; i < 3; i++) {
                browser.driver.findElement(By.id("text")).sendKeys("/help" + org.openqa.selenium.Keys.ENTER);
            }
            wait.until(driver -> driver.findElements(By.cssSelector(".bubble.bot")).size() >= 3);
            assertEquals(Boolean.TRUE, js(browser, "return document.scrollingElement.scrollHeight <= document.scrollingElement.clientHeight + 1"),
                    "only the messages scroll in the chat, not the page as well");
            assertFalse(scrollsSideways(browser), "the chat scrolls sideways on a phone");
        }
    }

    @Test
    void theDemoShop_fillsEveryChart() throws Exception {
        new app.liuke.demo.DemoShop(shop.liuke).seedIfEmpty();
        try (var browser = new Browser(folder.resolve("profile"))) {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1800));
            browser.driver.get("http://127.0.0.1:" + shop.port() + "/");
            var wait = browser.waiting();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(TestShopToken.VALUE);
            browser.driver.findElement(By.id("login-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-customers"), "300"));
            for (String chart : List.of("chart-tiers", "chart-flow", "chart-satisfaction", "chart-funnel", "chart-repurchase")) {
                long points = ((Number) js(browser, "return Chart.getChart('" + chart + "').data.datasets"
                        + ".flatMap(d => d.data).filter(v => v != null && v !== 0).length")).longValue();
                assertTrue(points > 0, chart + " has data");
            }
            assertEquals(91L, js(browser, "return Chart.getChart('chart-flow').data.labels.length"), "90 days and today");
            assertTrue(browser.driver.findElements(By.cssSelector("#todo tbody tr")).size() > 10);
            saveScreenshot(browser, "dashboard-demo.png");
        }
    }

    @Test
    void thePagesAreServed_theDataNeedsTheToken() {
        assertEquals(200, shop.send("GET", "/", null, null).status());
        assertTrue(shop.send("GET", "/dashboard/chart.umd.js", null, null).body().contains("Chart"));
        assertEquals(404, shop.send("GET", "/dashboard/../liuke.db", null, null).status());
        assertEquals(404, shop.send("GET", "/dashboard/secret.txt", null, null).status());
        for (String path : List.of("/api/todo", "/api/reports/trends", "/api/reports/campaigns", "/api/customers/1/surveys")) {
            assertEquals(401, shop.send("GET", path, null, null).status(), path);
        }
        assertEquals(400, shop.get("/api/todo?staffId=abc").status());
        assertEquals(400, shop.get("/api/reports/trends?from=2026-13-01").status());
    }

    private void saveScreenshot(Browser browser, String name) throws Exception {
        Path shot = ((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The admin token the test shop runs with. */
    private static final class TestShopToken {
        static final String VALUE = app.liuke.support.TestShop.TOKEN;
    }
}
