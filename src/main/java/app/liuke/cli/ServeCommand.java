package app.liuke.cli;

import app.liuke.Liuke;
import app.liuke.config.LiukeConfig;
import app.liuke.demo.DemoShop;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the service (the default command). --demo seeds a sample shop into its own database file.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOption config;

    @Option(names = "--demo", description = "use a sample shop in its own database file (admin token: demo)")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        return serve(config.load(), demo);
    }

    /** The shop's database as the start-up line names it: the SQLite file, or the PostgreSQL address without its query (which may hold a password). */
    static String where(LiukeConfig.Store store) {
        return store.postgres() ? store.url().replaceFirst("\\?.*", "") : store.path().toString();
    }

    static int serve(LiukeConfig loaded, boolean demo) throws InterruptedException {
        LiukeConfig config = demo ? DemoShop.configure(loaded) : loaded;
        Liuke liuke = ConfigOption.open(config);
        if (demo) {
            int seeded = new DemoShop(liuke).seedIfEmpty();
            LOG.info("demo shop in {} ({} customers seeded now)", config.store().path(), seeded);
        }
        liuke.startScheduler();
        var web = liuke.startWeb("0.0.0.0");
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            liuke.close();
            stopped.countDown();
        }, "liuke-shutdown"));
        System.out.printf("Liuke 留客 is running: http://localhost:%d/health  (config: %s, database: %s)%n",
                web.port(), config.source(), where(config.store()));
        System.out.printf("Web chat: http://localhost:%d/chat  (Telegram: %s)%n", web.port(), liuke.channels().telegramStatus());
        System.out.printf("Dashboard: http://localhost:%d/  (sign in with the admin token)%n", web.port());
        if (demo) {
            System.out.println("Demo mode: try  curl -H 'Authorization: Bearer demo' http://localhost:" + web.port()
                    + "/api/customers?size=3");
        }
        stopped.await();
        return 0;
    }
}
