package app.liuke.customer.csv;

import app.liuke.customer.Birthday;
import app.liuke.customer.ChannelIdentity;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.CustomerService;
import app.liuke.customer.Gender;
import app.liuke.shared.InvalidInput;
import app.liuke.store.Handle;
import app.liuke.tier.Reclassification;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code liuke import customers FILE.csv}: one row per customer. A customer already on file (same
 * phone or channel id) is updated, so importing the same file twice changes nothing.
 */
public final class CustomerCsvImport {
    static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

    static {
        ALIASES.put("name", List.of("name", "姓名", "客户姓名", "顾客姓名", "名字", "客户"));
        ALIASES.put("phone", List.of("phone", "mobile", "手机", "手机号", "手机号码", "电话", "联系电话"));
        ALIASES.put("birthday", List.of("birthday", "生日", "出生日期"));
        ALIASES.put("gender", List.of("gender", "sex", "性别"));
        ALIASES.put("notes", List.of("notes", "note", "备注", "喜好"));
        ALIASES.put("tags", List.of("tags", "tag", "标签"));
        ALIASES.put("staff", List.of("staff", "owner", "员工", "导购", "所属员工", "负责人"));
        ALIASES.put("group", List.of("group", "staff_group", "员工组", "小组", "班组"));
        ALIASES.put("store", List.of("store", "门店", "店铺"));
        ALIASES.put("source", List.of("source", "来源", "渠道"));
        ALIASES.put("referrer", List.of("referrer", "referrer_phone", "推荐人", "推荐人手机"));
        ALIASES.put("telegram", List.of("telegram", "telegram_id"));
        ALIASES.put("wechat", List.of("wechat", "wechat_openid", "openid", "微信"));
        ALIASES.put("created", List.of("created", "created_at", "建档日期", "登记日期"));
        ALIASES.put("opted_out", List.of("opted_out", "退订"));
    }

    private static final String TAG_SEPARATORS = "[,;，；、|]";
    private final ImportContext context;
    private final CustomerService customers;

    public CustomerCsvImport(ImportContext context, CustomerService customers) {
        this.context = context;
        this.customers = customers;
    }

    public ImportReport run(Path file, Charset forced, ImportProgress progress) throws IOException {
        var created = new LinkedHashSet<String>();
        var unknownReferrers = new ArrayList<String>();
        var report = new CsvImportRun(context).run(file, forced, ALIASES, List.of("name"), progress,
                columns -> (handle, record, now, reclassification) ->
                        importRow(handle, columns, record, now, created, unknownReferrers, reclassification));
        var notes = new ArrayList<>(report.notes());
        if (!created.isEmpty()) {
            notes.add(context.texts().get("import.createdStaff", String.join(", ", created)));
        }
        unknownReferrers.forEach(phone -> notes.add(context.texts().get("import.unknownReferrer", phone)));
        return new ImportReport(report.rows(), report.outcomes(), report.errors(), notes);
    }

    /** Notes are collected per row and kept only when the row succeeds (a failed row leaves nothing). */
    private String importRow(Handle handle, Columns columns, CSVRecord record, Instant now, Set<String> createdSoFar,
                             List<String> unknownReferrersSoFar, Reclassification reclassification) {
        var created = new LinkedHashSet<String>();
        var unknownReferrers = new ArrayList<String>();
        var identities = new ArrayList<ChannelIdentity>();
        for (String channel : List.of("telegram", "wechat")) {
            String id = columns.get(record, channel);
            if (id != null) {
                identities.add(new ChannelIdentity(channel, id));
            }
        }
        String phone = columns.get(record, "phone");
        if (phone == null && identities.isEmpty()) {
            throw new InvalidInput("phone", "import.needKey");
        }
        String name = columns.get(record, "name");
        if (name == null) {
            throw new InvalidInput("name", "error.name.required");
        }
        String birthday = columns.get(record, "birthday");
        String tags = columns.get(record, "tags");
        String createdAt = columns.get(record, "created");
        String optedOut = columns.get(record, "opted_out");
        var draft = new CustomerDraft(name, phone,
                birthday == null ? null : Birthday.parse(birthday, context.dates().today(context.clock())),
                Gender.parse(columns.get(record, "gender")), columns.get(record, "notes"),
                tags == null ? null : new LinkedHashSet<>(List.of(tags.split(TAG_SEPARATORS))),
                staffId(handle, columns, record, now, created), groupId(handle, columns, record, created),
                columns.get(record, "store"), columns.get(record, "source"),
                referrerId(handle, columns.get(record, "referrer"), unknownReferrers),
                optedOut == null ? null : yes(optedOut), identities,
                createdAt == null ? null : context.dates().parse("created", createdAt));
        String outcome = customers.upsert(handle, draft, now, reclassification).outcome().name().toLowerCase(Locale.ROOT);
        createdSoFar.addAll(created);
        unknownReferrersSoFar.addAll(unknownReferrers);
        return outcome;
    }

    private Long staffId(Handle handle, Columns columns, CSVRecord record, Instant now, Set<String> created) {
        String name = columns.get(record, "staff");
        if (name == null) {
            return null;
        }
        if (context.staff().byName(handle, name).isEmpty()) {
            created.add(name);
        }
        return context.staff().idForName(handle, name, groupId(handle, columns, record, created), now);
    }

    private Long groupId(Handle handle, Columns columns, CSVRecord record, Set<String> created) {
        String name = columns.get(record, "group");
        if (name == null) {
            return null;
        }
        if (context.staff().groupIdByName(handle, name).isEmpty()) {
            created.add(name);
        }
        return context.staff().groupIdForName(handle, name, columns.get(record, "store"));
    }

    private Long referrerId(Handle handle, String phone, List<String> unknownReferrers) {
        if (phone == null) {
            return null;
        }
        var id = customers.idByPhone(handle, phone);
        if (id.isEmpty()) {
            unknownReferrers.add(phone);
        }
        return id.orElse(null);
    }

    static boolean yes(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "y", "true", "是", "已退订", "退订" -> true;
            case "0", "no", "n", "false", "否", "" -> false;
            default -> throw new InvalidInput("opted_out", "error.json.field", "opted_out");
        };
    }
}
