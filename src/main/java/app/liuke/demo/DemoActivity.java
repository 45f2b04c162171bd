package app.liuke.demo;

import app.liuke.store.Handle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What makes the demo shop look lived in, on top of its customers and purchases: walk-in sales by
 * people not on file, survey answers over the past year (a few low scores, each with its open
 * follow-up task), campaign messages of the past 90 days with the purchases that followed, started
 * reactivations, and 90 days of tier × stage snapshots. All of it is sample data, written once with
 * the customers; campaign rows are already "sent", so nothing is ever delivered from them.
 */
final class DemoActivity {
    private static final long DAY = 86_400;
    private static final String[] CAMPAIGNS = {"thanks", "follow-up", "birthday", "used-up", "reactivation"};
    private final app.liuke.Liuke liuke;
    private final Random random;
    private final ZoneId zone;

    DemoActivity(app.liuke.Liuke liuke, Random random) {
        this.liuke = liuke;
        this.random = random;
        this.zone = liuke.config().timezone();
    }

    void seed(Handle handle, Instant now, app.liuke.tier.Reclassification reclassification) {
        walkIns(handle, now);
        surveys(handle, now);
        campaigns(handle, now, reclassification);
    }

    /** About two walk-in sales every three days: the registration rate is not 100%. */
    private void walkIns(Handle handle, Instant now) {
        for (int i = 0; i < 60; i++) {
            long at = now.getEpochSecond() - (1 + random.nextInt(90)) * DAY - random.nextInt(8 * 3600);
            handle.insert("""
                    INSERT INTO purchase (customer_id, purchased_at, amount_cents, items, store, created_at)
                    VALUES (NULL, :at, :cents, '["清洁护理"]', '南京西路店', :at)""", "at", at, "cents", (88 + random.nextInt(400)) * 100L);
        }
    }

    /** A post-purchase survey for about one purchase in five over the past year: mostly happy, some not. */
    private void surveys(Handle handle, Instant now) {
        var purchases = handle.query("""
                SELECT p.id, p.customer_id, p.purchased_at, p.staff_id, p.store FROM purchase p
                WHERE p.customer_id IS NOT NULL AND p.purchased_at > :since AND p.purchased_at < :until ORDER BY p.id""",
                row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)},
                "since", now.getEpochSecond() - 365 * DAY, "until", now.getEpochSecond() - DAY);
        long[] latest = null;   // the most recent survey within a month: the low score a running shop still has to answer
        boolean taskOpened = false;
        for (long[] purchase : purchases) {
            if (random.nextInt(5) != 0) {
                continue;
            }
            long at = purchase[2] + DAY + random.nextInt(3600 * 6);
            long response = handle.insert("""
                    INSERT INTO survey_response (survey, occurrence, customer_id, channel, chat_id, language, status, question, staff_id,
                                                 invited_at, updated_at, expires_at, finished_at)
                    VALUES ('post-purchase', :occurrence, :customer, 'web', 'demo', 'zh', 'completed', 3, :staff, :at, :at, :at, :at)""",
                    "occurrence", "purchase-" + purchase[0], "customer", purchase[1], "staff", purchase[3], "at", at);
            int csat = weighted(new int[] {1, 2, 3, 4, 5}, new int[] {2, 3, 10, 35, 50});
            int nps = weighted(new int[] {3, 5, 6, 7, 8, 9, 10}, new int[] {3, 4, 5, 10, 18, 25, 35});
            String answer = "INSERT INTO survey_answer (response_id, question, kind, score, choice, answered_at) VALUES (:r, :q, :k, :s, :c, :at)";
            handle.update(answer, "r", response, "q", "satisfaction", "k", "csat", "s", csat, "c", null, "at", at);
            handle.update(answer, "r", response, "q", "recommend", "k", "nps", "s", nps, "c", null, "at", at);
            handle.update(answer, "r", response, "q", "best", "k", "choice", "s", null,
                    "c", List.of("service", "product", "price").get(random.nextInt(3)), "at", at);
            if (csat <= 2 && now.getEpochSecond() - at < 30 * DAY) {
                openTask(handle, purchase, response, csat, at);
                taskOpened = true;
            } else if (now.getEpochSecond() - at < 30 * DAY) {
                latest = new long[] {purchase[0], purchase[1], purchase[2], purchase[3], response, at};
            }
        }
        if (!taskOpened && latest != null) {
            handle.update("UPDATE survey_answer SET score = 2 WHERE response_id = :r AND question = 'satisfaction'", "r", latest[4]);
            openTask(handle, latest, latest[4], 2, latest[5]);
        }
    }

    private static void openTask(Handle handle, long[] purchase, long response, int csat, long at) {
        handle.insert("""
                INSERT INTO follow_up_task (customer_id, kind, staff_id, detail, survey_response_id, created_at)
                VALUES (:customer, 'low-score', :staff, :detail, :response, :at)""", "customer", purchase[1], "staff", purchase[3],
                "detail", "⚠️ 差评：满意度 " + csat + "/5，请尽快回访", "response", response, "at", at);
    }

    /** Campaign messages of the past 90 days (every ninth planned one skipped by the contact rules); some customers came back. */
    private void campaigns(Handle handle, Instant now, app.liuke.tier.Reclassification reclassification) {
        var rules = liuke.config().classification();
        var customers = handle.query("""
                SELECT id, CASE WHEN purchase_count > 0 AND last_purchase_at < :dormant AND last_purchase_at >= :churned
                                THEN 'dormant' ELSE '' END FROM customer WHERE opted_out = 0 ORDER BY id""",
                row -> new Object[] {row.getLong(1), row.getString(2)},
                "dormant", now.getEpochSecond() - rules.dormantAfterDays() * DAY, "churned", now.getEpochSecond() - rules.churnedAfterDays() * DAY);
        int n = 0;
        for (Object[] customer : customers) {
            long id = (Long) customer[0];
            boolean dormant = "dormant".equals(customer[1]);
            if (!dormant && random.nextInt(3) != 0) {
                continue;
            }
            String campaign = dormant ? "reactivation" : CAMPAIGNS[random.nextInt(CAMPAIGNS.length - 1)];
            long at = now.getEpochSecond() - (2 + random.nextInt(88)) * DAY;
            boolean skipped = ++n % 9 == 0;
            handle.update("""
                    INSERT INTO outbox (channel, chat_id, idempotency_key, kind, payload, customer_id, status, not_before, created_at, sent_at,
                                        purpose, campaign, occurrence, reason)
                    VALUES ('web', 'demo', :key, 'text', '{"text":"(demo)"}', :customer, :status, :at, :at, :sent, :purpose, :campaign,
                            :occurrence, :reason)""", "key", "demo:" + campaign + ":" + id, "customer", id,
                    "status", skipped ? "skipped" : "sent", "at", at, "sent", skipped ? null : at,
                    "purpose", campaign.equals("used-up") || campaign.equals("reactivation") ? "marketing" : "care", "campaign", campaign,
                    "occurrence", dormant ? "start-demo" : "demo", "reason", skipped ? "cap" : null);
            if (dormant && !skipped) {
                handle.insert("INSERT INTO reactivation (customer_id, kind, started_at, step, next_at) VALUES (:c, 'dormant', :at, 1, NULL)",
                        "c", id, "at", at);
            }
            if (!skipped && random.nextInt(dormant ? 5 : 3) == 0) {
                long bought = Math.min(at + (1 + random.nextInt(20)) * DAY, now.getEpochSecond() - 3600);
                liuke.purchases().record(handle, new app.liuke.customer.PurchaseDraft(id, null, Instant.ofEpochSecond(bought), 39_900L,
                        List.of("珍珠耳钉"), "南京西路店", null, null), now, reclassification);
            }
        }
    }

    /** 90 days of tier × stage counts leading up to today's, as a shop that gets better at keeping customers would show. */
    void snapshots(Handle handle, Instant now) {
        Map<String, Double> drift = new LinkedHashMap<>(Map.of("loyal", -0.25, "repeat", -0.1, "dormant", 0.3, "churned", 0.15,
                "new", 0.05, "potential", 0.1));
        var today = handle.query("SELECT tier, stage, count(*) FROM customer GROUP BY tier, stage",
                row -> new Object[] {row.getString(1), row.getString(2), row.getLong(3)});
        LocalDate date = LocalDate.ofInstant(now, zone);
        for (int daysAgo = 90; daysAgo >= 1; daysAgo--) {
            for (Object[] cell : today) {
                double factor = 1 + drift.getOrDefault((String) cell[1], 0.0) * daysAgo / 90.0 + (random.nextDouble() - 0.5) * 0.02;
                handle.update("INSERT INTO classification_snapshot (day, tier, stage, customers) VALUES (:day, :tier, :stage, :n)",
                        "day", date.minusDays(daysAgo).toString(), "tier", cell[0], "stage", cell[1],
                        "n", Math.max(0, Math.round((Long) cell[2] * factor)));
            }
        }
    }

    private int weighted(int[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
