package app.liuke.bench;

import app.liuke.Liuke;
import app.liuke.config.ConfigLoader;
import app.liuke.customer.csv.ImportProgress;
import app.liuke.customer.csv.ImportReport;
import app.liuke.store.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Archive bench: N customers and M purchases, imported through {@code liuke import} (validation,
 * phone normalisation, de-duplication, per-row savepoints, aggregates kept on write) into a fresh
 * database, next to the same rows written by raw batched INSERTs into another fresh database.
 * Run: {@code mvn -B -Pbench -DskipTests verify [-Dbench.customers=N -Dbench.purchases=M]}.
 */
public final class ArchiveBench {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args.length > 0 ? args[0] : "1000000");
        int purchases = Integer.parseInt(args.length > 1 ? args[1] : "10000000");
        Path folder = Files.createTempDirectory("liuke-bench");
        System.out.printf("Archive bench: %,d customers, %,d purchases, %d cores, max heap %d MB, folder %s%n",
                customers, purchases, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, folder);

        Path customerCsv = folder.resolve("customers.csv");
        Path purchaseCsv = folder.resolve("purchases.csv");
        long generating = System.nanoTime();
        writeCustomers(customerCsv, customers);
        writePurchases(purchaseCsv, customers, purchases);
        System.out.printf("generated CSV files in %.1f s (%,d + %,d bytes)%n", seconds(generating),
                Files.size(customerCsv), Files.size(purchaseCsv));

        double[] baseline = rawInserts(folder.resolve("raw.db"), customers, purchases);
        double[] ours = liukeImport(folder.resolve("liuke.db"), customerCsv, purchaseCsv);

        System.out.println();
        System.out.println("| step | raw batched INSERT | liuke import | liuke / raw |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| customers | %,.0f rows/s (%.1f s) | %,.0f rows/s (%.1f s) | %.2f |%n",
                customers / baseline[0], baseline[0], customers / ours[0], ours[0], baseline[0] / ours[0]);
        System.out.printf("| purchases | %,.0f rows/s (%.1f s) | %,.0f rows/s (%.1f s) | %.2f |%n",
                purchases / baseline[1], baseline[1], purchases / ours[1], ours[1], baseline[1] / ours[1]);
        System.out.printf("database files: raw %,d MB, liuke %,d MB%n", Files.size(folder.resolve("raw.db")) >> 20,
                Files.size(folder.resolve("liuke.db")) >> 20);
        System.out.printf("peak heap %d MB, peak resident memory %s%n", peakHeapMb(), peakResident());
    }

    private static double[] liukeImport(Path db, Path customerCsv, Path purchaseCsv) throws IOException {
        var config = ConfigLoader.load(Path.of("config/liuke.yaml"), Map.of("LIUKE_DB", db.toString()));
        try (var liuke = Liuke.open(config, Clock.fixed(TODAY.atTime(20, 0).atZone(SHANGHAI).toInstant(), SHANGHAI))) {
            long start = System.nanoTime();
            ImportReport customers = liuke.customerImport().run(customerCsv, StandardCharsets.UTF_8, ImportProgress.NONE);
            double customerSeconds = seconds(start);
            System.out.printf("liuke import customers: %s in %.1f s, %d errors%n", customers.outcomes(), customerSeconds,
                    customers.errors().size());
            start = System.nanoTime();
            ImportReport purchases = liuke.purchaseImport().run(purchaseCsv, StandardCharsets.UTF_8, progress());
            double purchaseSeconds = seconds(start);
            System.out.printf("liuke import purchases: %s in %.1f s, %d errors%n", purchases.outcomes(), purchaseSeconds,
                    purchases.errors().size());
            return new double[]{customerSeconds, purchaseSeconds};
        }
    }

    private static ImportProgress progress() {
        long[] last = {System.nanoTime()};
        return (read, total, rows) -> {
            if (System.nanoTime() - last[0] > 30_000_000_000L) {
                last[0] = System.nanoTime();
                System.out.printf("  … %,d rows (%d%%)%n", rows, read * 100 / Math.max(1, total));
            }
        };
    }

    /** The same rows with plain prepared statements in batches of 10,000, one transaction per batch. */
    private static double[] rawInserts(Path db, int customers, int purchases) throws Exception {
        Database.open(db).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (var pragma = connection.createStatement()) {
                pragma.execute("PRAGMA journal_mode=WAL");
            }
            try (var pragma = connection.createStatement()) {
                pragma.execute("PRAGMA synchronous=NORMAL");
            }
            connection.setAutoCommit(false);
            var customerRandom = new SplittableRandom(1);
            double customerSeconds = timedInserts(connection,
                    "INSERT INTO customer (id, name, phone, birth_year, birth_month_day, gender, store, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", customers, (insert, i) -> {
                        insert.setInt(1, i);
                        insert.setString(2, name(customerRandom));
                        insert.setString(3, "+86" + phone(i));
                        insert.setInt(4, 1960 + customerRandom.nextInt(45));
                        insert.setString(5, String.format("%02d-%02d", 1 + customerRandom.nextInt(12), 1 + customerRandom.nextInt(28)));
                        insert.setString(6, customerRandom.nextBoolean() ? "female" : "male");
                        insert.setString(7, "南京西路店");
                        insert.setLong(8, 1_700_000_000L);
                        insert.setLong(9, 1_700_000_000L);
                    });
            var purchaseRandom = new SplittableRandom(2);
            double purchaseSeconds = timedInserts(connection,
                    "INSERT INTO purchase (customer_id, purchased_at, amount_cents, items, store, external_ref, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", purchases, (insert, i) -> {
                        insert.setInt(1, 1 + purchaseRandom.nextInt(customers));
                        insert.setLong(2, TODAY.minusDays(purchaseRandom.nextInt(730)).atTime(10 + purchaseRandom.nextInt(10), 0)
                                .atZone(SHANGHAI).toEpochSecond());
                        insert.setLong(3, (50 + purchaseRandom.nextInt(5000)) * 100L);
                        insert.setString(4, "珍珠耳钉");
                        insert.setString(5, "南京西路店");
                        insert.setString(6, "B" + i);
                        insert.setLong(7, 1_700_000_000L);
                    });
            System.out.printf("raw INSERT: customers %.1f s, purchases %.1f s%n", customerSeconds, purchaseSeconds);
            return new double[]{customerSeconds, purchaseSeconds};
        }
    }

    /** Binds row {@code row} (from 1) of an insert. */
    @FunctionalInterface
    private interface RowBinder {
        void bind(PreparedStatement insert, int row) throws java.sql.SQLException;
    }

    /** Inserts {@code count} rows in batches of 10,000, one transaction per batch; returns the seconds taken. */
    private static double timedInserts(Connection connection, String sql, int count, RowBinder binder) throws Exception {
        long start = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 1; i <= count; i++) {
                binder.bind(insert, i);
                insert.addBatch();
                if (i % 10_000 == 0 || i == count) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
        return seconds(start);
    }

    private static void writeCustomers(Path file, int count) throws IOException {
        var random = new SplittableRandom(1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("姓名,手机号,生日,性别,门店\n");
            for (int i = 1; i <= count; i++) {
                out.write(name(random) + "," + phone(i) + "," + (1960 + random.nextInt(45)) + "-"
                        + String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)) + ","
                        + (random.nextBoolean() ? "女" : "男") + ",南京西路店\n");
            }
        }
    }

    private static void writePurchases(Path file, int customers, int count) throws IOException {
        var random = new SplittableRandom(2);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("手机号,消费日期,金额,商品,门店,小票号\n");
            for (int i = 1; i <= count; i++) {
                int customer = 1 + random.nextInt(customers);
                LocalDate day = TODAY.minusDays(random.nextInt(730));
                out.write(phone(customer) + "," + day + " " + (10 + random.nextInt(10)) + ":00," + (50 + random.nextInt(5000))
                        + ",珍珠耳钉,南京西路店,B" + i + "\n");
            }
        }
    }

    private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周".split("");
    private static final String[] GIVEN = "芳娜静敏丽伟强磊军洋".split("");

    private static String name(SplittableRandom random) {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)] + GIVEN[random.nextInt(GIVEN.length)];
    }

    /** A valid mainland mobile number, unique per index. */
    private static String phone(int index) {
        return "138" + String.format("%08d", index);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    static String peakResident() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM"))
                .map(line -> line.replaceAll("\\s+", " ").substring(6).strip()).findFirst().orElse("n/a");
    }

    private ArchiveBench() {
    }

}
