package app.liuke.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.liuke.support.WebShopTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Figures over time against a small shop counted by hand: the daily tier × stage snapshot, CSAT and
 * NPS per month, one campaign's funnel, and the reactivation rate.
 */
class TrendsTest extends WebShopTest {
    private long now() {
        return shop.clock.instant().getEpochSecond();
    }

    private void sql(String sql, Object... params) {
        shop.liuke.database().useTransaction(handle -> handle.update(sql, params));
    }

    private void snapshot() {
        shop.liuke.database().useTransaction(handle -> shop.liuke.trends().snapshot(handle, shop.clock.instant()));
    }

    @Test
    void theSnapshotCountsEachDay_andTakingItTwiceReplacesIt() {
        long wang = shop.post("/api/customers", "{\"name\": \"王芳\"}").json().at("/customer/id").asLong();
        shop.post("/api/customers", "{\"name\": \"李娜\"}");
        snapshot();                                                     // 15 March: 2 potential, both C
        shop.clock.advance(Duration.ofDays(1));
        shop.post("/api/purchases", "{\"customerId\": " + wang + ", \"amount\": 100}");
        snapshot();
        snapshot();                                                     // 16 March, twice: 1 potential, 1 new
        var days = shop.get("/api/reports/trends?from=2026-03-01&to=2026-03-31").json().path("distribution");
        assertEquals(2, days.size());
        assertEquals("2026-03-15", days.get(0).path("day").asText());
        assertEquals(2, days.get(0).at("/stages/potential").asLong());
        assertEquals(2, days.get(0).at("/tiers/C").asLong());
        assertEquals(1, days.get(1).at("/stages/potential").asLong());
        assertEquals(1, days.get(1).at("/stages/new").asLong());
        assertEquals(0, days.get(1).at("/stages/loyal").asLong(), "every stage is there, with 0 where nobody is");
    }

    @Test
    void satisfactionPerMonth_funnel_andReactivation() {
        long a = shop.post("/api/customers", "{\"name\": \"甲\"}").json().at("/customer/id").asLong();
        long b = shop.post("/api/customers", "{\"name\": \"乙\"}").json().at("/customer/id").asLong();
        long c = shop.post("/api/customers", "{\"name\": \"丙\"}").json().at("/customer/id").asLong();
        sql("""
                INSERT INTO survey_response (id, survey, occurrence, customer_id, channel, chat_id, language, status, invited_at,
                                             updated_at, expires_at) VALUES (1, 's', 'o', :a, 'web', 'w', 'zh', 'completed', :t, :t, :t)""",
                "a", a, "t", now());
        // March (the shop clock is 15 March): CSAT 4 and 2 → 3.0; NPS 10, 9, 3 → (2 − 1) / 3 = +33. April: CSAT 5.
        String answer = "INSERT INTO survey_answer (response_id, question, kind, score, answered_at) VALUES (1, :q, :k, :s, :t)";
        sql(answer, "q", "c1", "k", "csat", "s", 4, "t", now());
        sql(answer, "q", "c2", "k", "csat", "s", 2, "t", now());
        sql(answer, "q", "n1", "k", "nps", "s", 10, "t", now());
        sql(answer, "q", "n2", "k", "nps", "s", 9, "t", now());
        sql(answer, "q", "n3", "k", "nps", "s", 3, "t", now());
        sql(answer, "q", "c3", "k", "csat", "s", 5, "t", now() + 20 * 86_400);
        var months = shop.get("/api/reports/trends?from=2026-03-01&to=2026-04-30").json().path("satisfaction");
        assertEquals(2, months.size());
        assertEquals("2026-03", months.get(0).path("month").asText());
        assertEquals(3.0, months.get(0).path("csat").asDouble());
        assertEquals(33, months.get(0).path("nps").asInt());
        assertEquals(3, months.get(0).path("npsAnswers").asInt());
        assertEquals(5.0, months.get(1).path("csat").asDouble());
        assertEquals(true, months.get(1).path("nps").isNull(), "nobody gave an NPS in April");

        // The thanks campaign: 3 planned in March, 1 skipped (丙), 2 delivered (甲, 乙); both buy later, 2 and 3 days on.
        String row = """
                INSERT INTO outbox (channel, chat_id, idempotency_key, kind, payload, customer_id, status, not_before, created_at, sent_at,
                                    purpose, campaign) VALUES ('telegram', :chat, :key, 'text', '{}', :c, :status, :t, :t, :sent, 'care', 'thanks')""";
        sql(row, "chat", "1", "key", "k1", "c", a, "status", "sent", "t", now(), "sent", now());
        sql(row, "chat", "2", "key", "k2", "c", b, "status", "sent", "t", now(), "sent", now());
        sql(row, "chat", "3", "key", "k3", "c", c, "status", "skipped", "t", now(), "sent", null);
        sql(row, "chat", "1", "key", "k1#2", "c", a, "status", "sent", "t", now(), "sent", now());   // a second part: not counted
        shop.clock.advance(Duration.ofDays(2));
        shop.post("/api/purchases", "{\"customerId\": " + a + ", \"amount\": 100}");
        // Reactivation: 乙 and 丙 were dormant in March; 乙 came back.
        String started = "INSERT INTO reactivation (customer_id, kind, started_at, step) VALUES (:c, 'dormant', :t, 1)";
        sql(started, "c", b, "t", now());
        sql(started, "c", c, "t", now());
        shop.clock.advance(Duration.ofDays(1));
        shop.post("/api/purchases", "{\"customerId\": " + b + ", \"amount\": 100}");

        var report = shop.get("/api/reports/campaigns?from=2026-03-01&to=2026-03-31").json();
        var thanks = report.path("funnels").get(0);
        assertEquals("thanks", thanks.path("campaign").asText());
        assertEquals(3, thanks.path("queued").asLong());
        assertEquals(1, thanks.path("skipped").asLong());
        assertEquals(2, thanks.path("delivered").asLong());
        assertEquals(2, thanks.path("purchased").asLong(), "甲 (2 days after) and 乙 (3 days after) both within the 30-day window");
        assertEquals(30, thanks.path("conversionDays").asInt());
        assertEquals(0, thanks.path("redeemed").asLong());
        assertEquals(2, report.at("/reactivation/started").asLong());
        assertEquals(1, report.at("/reactivation/cameBack").asLong());
        assertEquals(0.5, report.at("/reactivation/rate").asDouble());
    }
}
