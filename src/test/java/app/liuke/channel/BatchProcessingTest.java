package app.liuke.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.liuke.support.TelegramShopTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker lane handles queued updates together, in one transaction with a savepoint each. The
 * fault is real: a SQLite trigger refuses one sender's name, as a full disk or a broken row would.
 */
class BatchProcessingTest extends TelegramShopTest {
    private static final String BAD_NAME = "坏名字";

    @BeforeEach
    void start() {
        shop.liuke.database().useTransaction(handle -> {
            if (handle.dialect() == app.liuke.store.Dialect.POSTGRES) {
                handle.execute("""
                        CREATE FUNCTION refuse_bad_name() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN IF NEW.display_name = '坏名字' THEN RAISE EXCEPTION 'test fault'; END IF; RETURN NEW; END $$""");
                handle.execute("""
                        CREATE TRIGGER refuse_bad_name BEFORE UPDATE OF display_name ON channel_identity
                        FOR EACH ROW EXECUTE FUNCTION refuse_bad_name()""");
            } else {
                handle.execute("""
                        CREATE TRIGGER refuse_bad_name BEFORE UPDATE OF display_name ON channel_identity
                        WHEN NEW.display_name = '坏名字' BEGIN SELECT RAISE(ABORT, 'test fault'); END""");
            }
        });
    }

    @Test
    void aFailingUpdate_isUndoneAlone_markedFailedAndApologisedFor_whileItsBatchCommits() {
        var jobs = new ArrayList<ChatPipeline.Job>();
        String[] names = {"小红", BAD_NAME, "小明"};
        for (int i = 0; i < names.length; i++) {
            String user = String.valueOf(501 + i);
            var update = new IncomingUpdate("telegram", 9_000 + i, "telegram:" + user, "{}");
            long id = shop.liuke.database().transaction(handle -> new Inbox().insertIfNew(handle, update, shop.clock.instant())).orElseThrow();
            var person = new Person("telegram", user, names[i], null, "zh-CN", false);
            var start = new Inbound.Command(ChatRef.privateChat("telegram", user), person, "start", "");
            jobs.add(new ChatPipeline.Job(new InboxEntry(id, "telegram", update.updateId(), update.chatKey(), "{}"), List.of(start)));
        }

        shop.liuke.channels().pipeline().process(jobs);

        assertEquals(List.of("done", "failed", "done"), List.of(status(9_000), status(9_001), status(9_002)));
        assertEquals(0, shop.queryLong("SELECT count(*) FROM channel_identity WHERE external_id = '502'"),
                "the failing update left nothing behind");
        assertEquals(2, shop.queryLong("SELECT count(*) FROM channel_identity WHERE external_id IN ('501', '503')"));
        assertEquals(1, shop.queryLong("SELECT count(*) FROM outbox WHERE chat_id = '502'"), "only the apology");
        assertEquals("抱歉，刚才出了点问题，请稍后再试一次。", api.awaitSent("502", 1).get(0).text());
    }

    private String status(long updateId) {
        return shop.liuke.database().read(handle -> handle.queryOne("SELECT status FROM inbox WHERE update_id = :id",
                row -> row.getString(1), "id", updateId)).orElseThrow();
    }
}
