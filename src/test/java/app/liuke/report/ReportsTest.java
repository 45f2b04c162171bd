package app.liuke.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.liuke.support.TestShop;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report figures against values worked out by hand on a small fixed shop (March 2026, Shanghai time):
 * two groups, two staff members, three customers and one buyer not on file.
 *
 * <pre>
 * #  date   customer  amount  store  staff  items        (group: the staff's, else the customer's)
 * 1  02-20  Ben       100     南京路  小王   面霜          before the period
 * 2  03-02  Anna      200     南京路  小王   面霜, 洗发水
 * 3  03-02  Ben        50     南京路  小王   洗发水
 * 4  03-02  -          80     南京路  小李   面霜          not on file
 * 5  03-15  Cao       300     淮海路  小李   面霜
 * 6  03-20  Anna      120     淮海路  -      -            group 一组 (Anna's)
 * </pre>
 */
class ReportsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String MARCH = "from=2026-03-01&to=2026-03-31";

    @TempDir
    Path folder;
    private TestShop shop;

    @BeforeEach
    void shopWithAMonthOfSales() {
        shop = TestShop.create(folder).startWeb();
        shop.liuke.database().useTransaction(h -> {
            h.update("INSERT INTO staff_group (id, name) VALUES (1, '一组'), (2, '二组')");
            h.update("INSERT INTO staff (id, name, role, staff_group_id, created_at) VALUES (1, '小王', 'staff', 1, 0), (2, '小李', 'staff', 2, 0)");
        });
        long ben = customer("2026-02-10T10:00", "Ben", 1);
        long anna = customer("2026-03-02T10:00", "Anna", 1);
        long cao = customer("2026-03-05T10:00", "Cao", 2);
        at("2026-03-31T20:00");
        buy(ben, "2026-02-20", 100, "南京路", 1L, "面霜");
        buy(anna, "2026-03-02", 200, "南京路", 1L, "面霜", "洗发水");
        buy(ben, "2026-03-02", 50, "南京路", 1L, "洗发水");
        buy(null, "2026-03-02", 80, "南京路", 2L, "面霜");
        buy(cao, "2026-03-15", 300, "淮海路", 2L, "面霜");
        buy(anna, "2026-03-20", 120, "淮海路", null);
        var note = shop.post("/api/customers/" + anna + "/follow-ups", "{\"date\": \"2026-03-10\", \"method\": \"phone\", \"content\": \"问候\"}");
        assertEquals(201, note.status(), note.body());
        answers(anna, "csat", 5, 2);                                  // CSAT 3.5
        answers(cao, "nps", 10, 9, 3);                                // NPS (2 − 1) / 3 = 33
        at("2026-04-01T09:00");
    }

    @AfterEach
    void close() {
        shop.close();
    }

    private void at(String local) {
        shop.clock.set(LocalDateTime.parse(local).atZone(SHANGHAI).toInstant());
    }

    private long customer(String createdAt, String name, long group) {
        at(createdAt);
        var created = shop.post("/api/customers", "{\"name\": \"" + name + "\", \"staffGroupId\": " + group + "}");
        assertEquals(201, created.status(), created.body());
        return created.json().at("/customer/id").asLong();
    }

    private void buy(Long customer, String date, int yuan, String store, Long staff, String... items) {
        var body = new StringBuilder("{\"amount\": ").append(yuan).append(", \"date\": \"").append(date).append("\", \"store\": \"")
                .append(store).append("\"");
        if (customer != null) {
            body.append(", \"customerId\": ").append(customer);
        }
        if (staff != null) {
            body.append(", \"staffId\": ").append(staff);
        }
        if (items.length > 0) {
            body.append(", \"items\": [\"").append(String.join("\", \"", items)).append("\"]");
        }
        var bought = shop.post("/api/purchases", body.append("}").toString());
        assertEquals(201, bought.status(), bought.body());
    }

    private void answers(long customer, String kind, int... scores) {
        long at = LocalDateTime.parse("2026-03-21T12:00").atZone(SHANGHAI).toEpochSecond();
        shop.liuke.database().useTransaction(h -> {
            for (int score : scores) {
                long response = h.insert("""
                        INSERT INTO survey_response (survey, occurrence, customer_id, channel, chat_id, language, status, invited_at, updated_at, expires_at)
                        VALUES ('post-purchase', :occ, :c, 'web', 'x', 'zh-CN', 'completed', :at, :at, :at)""",
                        "occ", kind + score + "-" + System.nanoTime(), "c", customer, "at", at);
                h.update("INSERT INTO survey_answer (response_id, question, kind, score, answered_at) VALUES (:r, 'q', :k, :s, :at)",
                        "r", response, "k", kind, "s", score, "at", at);
            }
        });
    }

    /** key, purchases, sales (yuan), customers, on file, registration rate, repeat customers, repurchase rate. */
    private static List<String> rows(JsonNode report) {
        var rows = new ArrayList<String>();
        for (JsonNode row : report.path("rows")) {
            rows.add(String.join(" ", row.path("key").asText(), row.path("purchases").asText(),
                    String.valueOf(row.path("salesCents").asLong() / 100), row.path("customers").asText(), row.path("onFile").asText(),
                    row.path("registrationRate").asText(), row.path("repeatCustomers").asText(), row.path("repurchaseRate").asText()));
        }
        return rows;
    }

    private JsonNode sales(String by) {
        var response = shop.get("/api/reports/sales?" + MARCH + "&by=" + by);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    @Test
    void salesByDayStoreGroupStaffAndProduct_matchTheHandCountedFigures() {
        assertEquals(List.of(
                "2026-03-02 3 330 2 2 0.6667 2 1",
                "2026-03-15 1 300 1 1 1 0 0",
                "2026-03-20 1 120 1 1 1 1 1"), rows(sales("day")));
        assertEquals(List.of("2026-03 5 750 3 4 0.8 2 0.6667"), rows(sales("month")));
        assertEquals(List.of(
                "南京路 3 330 2 2 0.6667 2 1",
                "淮海路 2 420 2 2 1 1 0.5"), rows(sales("store")));
        assertEquals(List.of(
                "一组 3 370 2 3 1 2 1",
                "二组 2 380 1 1 0.5 0 0"), rows(sales("group")));
        assertEquals(List.of(
                " 1 120 1 1 1 1 1",
                "小李 2 380 1 1 0.5 0 0",
                "小王 2 250 2 2 1 2 1"), rows(sales("staff")));
        assertEquals(List.of(
                " 1 120 1 1 1 1 1",
                "洗发水 2 250 2 2 1 2 1",
                "面霜 3 580 2 2 0.6667 1 0.5"), rows(sales("product")));
        assertEquals(List.of("2026 6 850 3 5 0.8333 2 0.6667"),
                rows(shop.get("/api/reports/sales?from=2026-01-01&to=2026-12-31&by=year").json()));
    }

    /**
     * On top of the shop above: Ben answers the survey after his 03-02 purchase (南京路, 小王, 洗发水) with
     * CSAT 4 on 03-03; reactivations started for Ben on 03-01 (he bought on 03-02: back) and for Cao on
     * 03-20 (not back). Anna's and Cao's answers name no purchase, store or staff member.
     */
    @Test
    void satisfactionAndReactivationByGroupStaffProductAndMonth_matchTheHandCountedFigures() {
        shop.liuke.database().useTransaction(h -> {
            long ben = h.queryLong("SELECT id FROM customer WHERE name = 'Ben'");
            long cao = h.queryLong("SELECT id FROM customer WHERE name = 'Cao'");
            long purchase = h.queryLong("SELECT id FROM purchase WHERE customer_id = :c ORDER BY purchased_at DESC LIMIT 1", "c", ben);
            long at = LocalDateTime.parse("2026-03-03T12:00").atZone(SHANGHAI).toEpochSecond();
            long response = h.insert("""
                    INSERT INTO survey_response (survey, occurrence, customer_id, channel, chat_id, language, status, store, staff_id,
                                                 invited_at, updated_at, expires_at)
                    VALUES ('post-purchase', :occ, :c, 'web', 'x', 'zh-CN', 'completed', '南京路', 1, :at, :at, :at)""",
                    "occ", "purchase-" + purchase, "c", ben, "at", at);
            h.update("INSERT INTO survey_answer (response_id, question, kind, score, answered_at) VALUES (:r, 'q', 'csat', 4, :at)",
                    "r", response, "at", at);
            h.update("INSERT INTO reactivation (customer_id, kind, started_at) VALUES (:ben, 'dormant', :b), (:cao, 'dormant', :c)",
                    "ben", ben, "cao", cao, "b", LocalDateTime.parse("2026-03-01T10:00").atZone(SHANGHAI).toEpochSecond(),
                    "c", LocalDateTime.parse("2026-03-20T10:00").atZone(SHANGHAI).toEpochSecond());
        });
        assertEquals(List.of("一组 3 3.67 0 null 1 1 1", "二组 0 null 3 33 1 0 0"), service("group"));
        assertEquals(List.of(" 2 3.5 3 33 2 1 0.5", "小王 1 4 0 null 0 0 null"), service("staff"));
        assertEquals(List.of(" 2 3.5 3 33 null null null", "洗发水 1 4 0 null null null null"), service("product"));
        assertEquals(List.of(" 2 3.5 3 33 null null null", "南京路 1 4 0 null null null null"), service("store"));
        assertEquals(List.of("2026-03 3 3.67 3 33 2 1 0.5"), service("month"));
        var csv = shop.get("/api/reports/service?" + MARCH + "&by=group&format=csv");
        assertEquals(List.of("\uFEFFgroup,csat_answers,csat,nps_answers,nps,reactivations,came_back,reactivation_rate",
                "一组,3,3.67,0,,1,1,1.0000", "二组,0,,3,33,1,0,0.0000"), csv.body().lines().toList());
    }

    /** key, CSAT answers, CSAT, NPS answers, NPS, reactivations, came back, reactivation rate. */
    private List<String> service(String by) {
        var response = shop.get("/api/reports/service?" + MARCH + "&by=" + by);
        assertEquals(200, response.status(), response.body());
        var rows = new ArrayList<String>();
        for (JsonNode row : response.json().path("rows")) {
            rows.add(String.join(" ", row.path("key").asText(), row.path("csatAnswers").asText(), row.path("csat").asText(),
                    row.path("npsAnswers").asText(), row.path("nps").asText(), row.path("reactivations").asText(),
                    row.path("cameBack").asText(), row.path("reactivationRate").asText()));
        }
        return rows;
    }

    @Test
    void registrationsAgainstQuota_andTheSummary() {
        var registrations = shop.get("/api/reports/registrations?from=2026-02-01&to=2026-03-31").json().path("rows");
        var lines = new ArrayList<String>();
        registrations.forEach(row -> lines.add(row.path("month").asText() + " " + row.path("group").asText() + " "
                + row.path("registered").asText() + "/" + row.path("quota").asText()));
        assertEquals(List.of("2026-02 一组 1/30", "2026-02 二组 0/30", "2026-03 一组 1/30", "2026-03 二组 1/30"), lines);

        var summary = shop.get("/api/reports/summary?" + MARCH).json();
        assertEquals(75_000, summary.path("sales").path("salesCents").asLong());
        assertEquals(0.8, summary.path("sales").path("registrationRate").asDouble());
        assertEquals(0.6667, summary.path("sales").path("repurchaseRate").asDouble());
        assertEquals(2, summary.path("newCustomers").asLong());
        assertEquals(1, summary.path("followUps").asLong());
        assertEquals(3.5, summary.path("csat").asDouble());
        assertEquals(2, summary.path("csatAnswers").asLong());
        assertEquals(33, summary.path("nps").asInt());
        assertEquals(3, summary.path("customers").asLong());
        long inGrid = 0;
        for (JsonNode stages : summary.path("tierByStage")) {
            for (JsonNode count : stages) {
                inGrid += count.asLong();
            }
        }
        assertEquals(3, inGrid);
        var april = shop.get("/api/reports/summary").json();          // default: this month so far
        assertEquals("2026-04-01", april.path("from").asText());
        assertEquals(0, april.path("sales").path("purchases").asLong());
        assertTrue(april.path("csat").isNull(), "no answers: no average");
    }

    @Test
    void csvDownloads_openInExcel() {
        var csv = shop.get("/api/reports/sales?" + MARCH + "&by=group&format=csv");
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertEquals(List.of("\uFEFFgroup,purchases,sales_yuan,customers,on_file,registration_rate,repeat_customers,repurchase_rate",
                "一组,3,370.00,2,3,1.0000,2,1.0000", "二组,2,380.00,1,1,0.5000,0,0.0000"), csv.body().lines().toList());
        var registrations = shop.get("/api/reports/registrations?" + MARCH + "&format=csv");
        assertTrue(registrations.body().contains("2026-03,二组,1,30,0.0333"), registrations.body());
    }

    @Test
    void badReportRequests_areClear400s_andNeedTheToken() {
        for (String query : List.of("by=weekday", "from=2026-13-01", "from=2026-03-31&to=2026-03-01", "from=2000-01-01&to=2026-01-01",
                "format=xlsx")) {
            for (String report : List.of("sales", "service")) {
                var response = shop.get("/api/reports/" + report + "?" + query);
                assertEquals(400, response.status(), report + "?" + query + " → " + response.body());
                assertTrue(response.json().path("detail").asText().length() > 5, response.body());
            }
        }
        assertEquals(401, shop.send("GET", "/api/reports/summary", null, null).status());
        assertEquals(401, shop.send("GET", "/api/reports/service", null, null).status());
    }
}
