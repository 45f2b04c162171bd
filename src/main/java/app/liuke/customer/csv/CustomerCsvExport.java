package app.liuke.customer.csv;

import app.liuke.customer.Birthday;
import app.liuke.customer.Money;
import app.liuke.shared.FlexibleDates;
import app.liuke.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code liuke export customers FILE.csv}: every customer, streamed, in UTF-8 with a BOM so Excel
 * shows Chinese correctly. The columns are the import columns, so the file can be imported again.
 * Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
public final class CustomerCsvExport {
    static final String[] HEADERS = {"id", "name", "phone", "birthday", "gender", "tags", "staff", "group", "store",
            "source", "referrer", "telegram", "wechat", "opted_out", "created", "notes", "purchase_count",
            "purchase_total", "first_purchase", "last_purchase"};
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String QUERY = """
            SELECT c.*, s.name AS staff_name, g.name AS group_name, r.phone AS referrer_phone,
              (SELECT group_concat(tag, ',') FROM customer_tag t WHERE t.customer_id = c.id) AS tags,
              (SELECT min(external_id) FROM channel_identity i WHERE i.customer_id = c.id AND i.channel = 'telegram') AS telegram,
              (SELECT min(external_id) FROM channel_identity i WHERE i.customer_id = c.id AND i.channel = 'wechat') AS wechat
            FROM customer c
            LEFT JOIN staff s ON s.id = c.owner_staff_id
            LEFT JOIN staff_group g ON g.id = c.staff_group_id
            LEFT JOIN customer r ON r.id = c.referrer_id
            ORDER BY c.id""";
    private final Database database;
    private final FlexibleDates dates;

    public CustomerCsvExport(Database database, FlexibleDates dates) {
        this.database = database;
        this.dates = dates;
    }

    /** Writes the file and returns how many customers it holds. */
    public long run(Path file) throws IOException {
        try (Writer writer = withBom(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADERS).get())) {
            long[] count = {0};
            database.read(handle -> {
                handle.stream(QUERY, row -> new Object[]{
                        row.getLong("id"), safe(row.getString("name")), row.getString("phone"),
                        birthday(row.getInt("birth_year"), row.wasNull(), row.getString("birth_month_day")),
                        row.getString("gender"), safe(row.getString("tags")), safe(row.getString("staff_name")),
                        safe(row.getString("group_name")), safe(row.getString("store")), safe(row.getString("source")),
                        row.getString("referrer_phone"), row.getString("telegram"), row.getString("wechat"),
                        row.getInt("opted_out") == 1 ? "yes" : "no", local(row.getLong("created_at")),
                        safe(row.getString("notes")), row.getInt("purchase_count"),
                        Money.format(row.getLong("purchase_total_cents")),
                        localOrNull(row.getLong("first_purchase_at"), row.wasNull()),
                        localOrNull(row.getLong("last_purchase_at"), row.wasNull())
                }, values -> {
                    try {
                        printer.printRecord(values);
                        count[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return null;
            });
            return count[0];
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Writer withBom(Writer writer) throws IOException {
        writer.write('\uFEFF');
        return writer;
    }

    private static String birthday(int year, boolean noYear, String monthDay) {
        return monthDay == null ? null : Birthday.fromText(noYear ? null : year, monthDay).iso();
    }

    private String local(long epochSecond) {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), dates.zone()).format(LOCAL);
    }

    private String localOrNull(long epochSecond, boolean isNull) {
        return isNull ? null : local(epochSecond);
    }

    /** Guards against spreadsheet formula injection: =, +, -, @ at the start become text. */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
