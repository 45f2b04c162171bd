package app.liuke.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.liuke.support.FakeBotApi;
import app.liuke.support.TelegramShopTest;
import app.liuke.support.Updates;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** What the campaign tests share: the shop clock in Shanghai time, customers joining by /start, the outbox. */
abstract class CampaignTestBase extends TelegramShopTest {
    protected static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    protected static final long ALICE = 601;
    protected static final long BOB = 602;
    protected static final long CAROL = 603;

    protected void at(String localDateTime) {
        shop.clock.set(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
    }

    protected long join(long user, String name) {
        int before = api.sentTo(String.valueOf(user)).size();
        assertEquals(200, shop.webhook(Updates.privateText(Updates.nextId(), user, name, "/start")).status());
        api.awaitSent(String.valueOf(user), before + 1);
        return shop.queryLong("SELECT customer_id FROM channel_identity WHERE external_id = :id", "id", String.valueOf(user));
    }

    protected void set(long customer, String json) {
        assertEquals(200, shop.patch("/api/customers/" + customer, json).status());
    }

    protected List<FakeBotApi.Call> sent(long user) {
        return api.sentTo(String.valueOf(user));
    }

    protected String awaitNth(long user, int n) {
        try {
            return api.awaitSent(String.valueOf(user), n).get(n - 1).text();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\noutbox: " + shop.liuke.database().read(h -> h.query(
                    "SELECT id, campaign, status, reason, not_before, expires_at, lease_owner, chat_id FROM outbox WHERE campaign IS NOT NULL",
                    r -> r.getLong(1) + "/" + r.getString(2) + "/" + r.getString(3) + "/" + r.getString(4) + "/" + r.getLong(5)
                            + "/" + r.getLong(6) + "/" + r.getString(7) + "/" + r.getString(8))) + " now " + shop.clock.instant().getEpochSecond());
        }
    }

    /** Polls (with a deadline) until {@code count} outbox rows match: a row is marked sent just after its delivery. */
    protected void awaitOutbox(long count, String where, Object... params) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (outbox(where, params) != count) {
            if (System.nanoTime() > deadline) {
                assertEquals(count, outbox(where, params), where);
            }
            Thread.onSpinWait();
        }
    }

    protected RunReport tickOnly(String campaign) {
        return shop.liuke.campaignScheduler().tick().stream().filter(r -> r.campaign().equals(campaign)).findFirst().orElse(null);
    }

    protected long outbox(String where, Object... params) {
        return shop.queryLong("SELECT count(*) FROM outbox WHERE " + where, params);
    }

}
