package app.liuke.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import app.liuke.config.ConfigLoader;
import app.liuke.customer.CustomerService;
import app.liuke.customer.FollowUpService;
import app.liuke.customer.PurchaseService;
import app.liuke.shared.Texts;
import app.liuke.staff.StaffDirectory;
import app.liuke.store.DataException;
import app.liuke.store.Database;
import app.liuke.tier.ClassificationService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another writer holding the file past the 30 s busy timeout cannot be caused quickly for real, so
 * this one fault is simulated with Mockito: the shop gets a clear 503 with Retry-After, not a 500.
 */
class BusyDatabaseTest {
    @TempDir
    Path folder;

    @Test
    void aDatabaseBusyPastTheTimeout_isA503WithRetryAfter() throws Exception {
        var config = ConfigLoader.load(null, Map.of("LIUKE_PORT", "0", "LIUKE_ADMIN_TOKEN", "t",
                "LIUKE_DB", folder.resolve("l.db").toString()));
        var customers = mock(CustomerService.class);
        when(customers.search(any())).thenThrow(new DataException("query failed",
                new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)")));
        try (var database = Database.open(config.store().path())) {
            var services = new WebServer.Services(customers, mock(PurchaseService.class), mock(FollowUpService.class),
                    new StaffDirectory(), mock(ClassificationService.class), database, new Metrics(database),
                    mock(app.liuke.Channels.class), mock(app.liuke.offer.Offers.class),
                    mock(app.liuke.survey.SurveySender.class), mock(app.liuke.campaign.Campaigns.class),
                    new app.liuke.report.Reports(java.time.ZoneId.of("Asia/Shanghai"), app.liuke.report.ReportRules.defaults()),
                    mock(app.liuke.report.Trends.class), mock(app.liuke.workbench.Todos.class), "zh-CN");
            var web = new WebServer(config, services, new Texts(Locale.forLanguageTag("zh-CN")), Clock.systemUTC())
                    .start("127.0.0.1", 0);
            try {
                var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + web.port() + "/api/customers")).header("Authorization", "Bearer t").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, response.statusCode(), response.body());
                assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
                assertEquals(true, response.body().contains("\"error\":\"busy\""), response.body());
            } finally {
                web.stop();
            }
        }
    }
}
