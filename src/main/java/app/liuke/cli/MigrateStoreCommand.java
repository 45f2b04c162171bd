package app.liuke.cli;

import app.liuke.store.Database;
import app.liuke.store.PostgresStore;
import app.liuke.store.StoreCopy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "migrate-store", mixinStandardHelpOptions = true,
        description = {"Copies the shop's SQLite file (store.path) into an empty PostgreSQL database: creates the schema,",
                "copies every table in one transaction, then prints each table's row count and the money checksums on",
                "both sides. A database that already holds data is refused and nothing is written. The password is",
                "store.password ($LIUKE_DB_PASSWORD); it is never printed.",
                "Example:  LIUKE_DB_PASSWORD=… migrate-store --to jdbc:postgresql://db:5432/liuke --user liuke"})
final class MigrateStoreCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "the PostgreSQL database, jdbc:postgresql://HOST:PORT/DB")
    String url;

    @Option(names = "--user", description = "the PostgreSQL user (default: store.user)")
    String user;

    @Override
    public Integer call() {
        if (!url.startsWith("jdbc:postgresql://")) {
            System.err.println("--to must be a PostgreSQL address such as jdbc:postgresql://db:5432/liuke, not '" + url + "'");
            return 2;
        }
        var loaded = config.load();
        var store = loaded.store();
        PostgresStore target;
        try {
            target = PostgresStore.open(url, user != null ? user : store.user(), store.password(), 2);
        } catch (app.liuke.store.DataException e) {
            System.err.println(e.getMessage());
            System.err.println("Nothing was copied. Check the address, that PostgreSQL runs there, and the user and password.");
            return 1;
        }
        try (Database sqlite = Database.open(store.path()); PostgresStore postgres = target) {
            StoreCopy.Report report;
            try {
                report = StoreCopy.copy(sqlite, postgres.dataSource());
            } catch (StoreCopy.NotEmpty e) {
                System.err.println(e.getMessage());
                return 2;
            }
            System.out.printf("%-28s %12s %12s%n", "table", "SQLite", "PostgreSQL");
            report.tables().forEach(check -> System.out.printf("%-28s %12d %12d%s%n", check.name(), check.sqlite(), check.postgres(),
                    check.ok() ? "" : "  ✗ differs"));
            System.out.printf("%n%-28s %12s %12s%n", "checksum", "SQLite", "PostgreSQL");
            report.checksums().forEach(check -> System.out.printf("%-28s %12d %12d%s%n", check.name(), check.sqlite(), check.postgres(),
                    check.ok() ? "" : "  ✗ differs"));
            System.out.println(report.ok() ? "\nCopied and verified: every row count and checksum matches."
                    : "\nThe copy does not match; do not switch to it. See the rows marked ✗.");
            return report.ok() ? 0 : 1;
        }
    }
}
