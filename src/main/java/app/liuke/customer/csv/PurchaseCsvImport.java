package app.liuke.customer.csv;

import app.liuke.customer.Money;
import app.liuke.customer.PurchaseDraft;
import app.liuke.customer.PurchaseService;
import app.liuke.shared.InvalidInput;
import app.liuke.store.Handle;
import app.liuke.tier.Reclassification;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code liuke import purchases FILE.csv}: one row per sale. Each sale is keyed by its receipt number
 * ({@code ref}); without one, by a fingerprint of customer, time, amount, items and store. Importing the
 * same file twice therefore records nothing the second time.
 */
public final class PurchaseCsvImport {
    static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

    static {
        ALIASES.put("phone", CustomerCsvImport.ALIASES.get("phone"));
        ALIASES.put("customer_id", List.of("customer_id", "客户编号"));
        ALIASES.put("date", List.of("date", "purchased_at", "日期", "购买日期", "消费日期", "时间"));
        ALIASES.put("amount", List.of("amount", "金额", "消费金额", "实付金额"));
        ALIASES.put("items", List.of("items", "商品", "购买商品", "品名"));
        ALIASES.put("store", CustomerCsvImport.ALIASES.get("store"));
        ALIASES.put("staff", List.of("staff", "员工", "导购"));
        ALIASES.put("ref", List.of("ref", "单号", "订单号", "小票号"));
    }

    private static final String ITEM_SEPARATORS = "[,;，；、|]";
    private final ImportContext context;
    private final PurchaseService purchases;

    public PurchaseCsvImport(ImportContext context, PurchaseService purchases) {
        this.context = context;
        this.purchases = purchases;
    }

    public ImportReport run(Path file, Charset forced, ImportProgress progress) throws IOException {
        return new CsvImportRun(context).run(file, forced, ALIASES, List.of("date", "amount"), progress,
                columns -> (handle, record, now, reclassification) ->
                        importRow(handle, columns, record, now, reclassification));
    }

    private String importRow(Handle handle, Columns columns, CSVRecord record, Instant now,
                             Reclassification reclassification) {
        String date = columns.get(record, "date");
        if (date == null) {
            throw new InvalidInput("date", "error.date.invalid", "");
        }
        Instant at = context.dates().parse("date", date);
        long cents = Money.parseCents(columns.get(record, "amount"));
        String items = columns.get(record, "items");
        String phone = columns.get(record, "phone");
        Long customerId = customerId(columns.get(record, "customer_id"));
        String store = columns.get(record, "store");
        String ref = columns.get(record, "ref");
        if (ref == null) {
            ref = fingerprint(phone, customerId, at, cents, items, store);
        }
        String staffName = columns.get(record, "staff");
        Long staffId = staffName == null ? null : context.staff().idForName(handle, staffName, null, now);
        var draft = new PurchaseDraft(customerId, phone, at, cents,
                items == null ? List.of() : List.of(items.split(ITEM_SEPARATORS)), store, staffId, ref);
        try {
            handle.savepoint(() -> purchases.record(handle, draft, now, reclassification));   // PostgreSQL: a refused row leaves the batch usable
            return "recorded";
        } catch (Handle.UniqueViolation duplicateRef) {
            return "already on file";
        }
    }

    private static Long customerId(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput("customer_id", "error.id.invalid", text);
        }
    }

    private static String fingerprint(String phone, Long customerId, Instant at, long cents, String items, String store) {
        String key = phone + "|" + customerId + "|" + at.getEpochSecond() + "|" + cents + "|" + items + "|" + store;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "import:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
