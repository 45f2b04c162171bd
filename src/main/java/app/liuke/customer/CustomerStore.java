package app.liuke.customer;

import app.liuke.store.Handle;
import app.liuke.store.RowMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL for the {@code customer}, {@code customer_tag} and {@code channel_identity} tables. Stateless. */
public final class CustomerStore {
    static final String SELECT = """
            SELECT c.*, s.name AS owner_staff_name, g.name AS staff_group_name,
              (SELECT group_concat(tag, char(10)) FROM customer_tag t WHERE t.customer_id = c.id) AS tag_list
            FROM customer c
            LEFT JOIN staff s ON s.id = c.owner_staff_id
            LEFT JOIN staff_group g ON g.id = c.staff_group_id
            """;

    public Optional<Customer> find(Handle handle, long id) {
        return handle.queryOne(SELECT + " WHERE c.id = :id", row -> map(handle, row), "id", id);
    }

    public boolean exists(Handle handle, long id) {
        return handle.queryLong("SELECT count(*) FROM customer WHERE id = :id", "id", id) > 0;
    }

    public Optional<Long> idByPhone(Handle handle, String phone) {
        return handle.queryOne("SELECT id FROM customer WHERE phone = :phone", row -> row.getLong(1), "phone", phone);
    }

    public Optional<Long> idByIdentity(Handle handle, ChannelIdentity identity) {
        return handle.queryOne("SELECT customer_id FROM channel_identity WHERE channel = :channel AND external_id = :id",
                row -> row.getLong(1), "channel", identity.channel(), "id", identity.externalId());
    }

    public long insert(Handle handle, CustomerDraft draft, Instant now) {
        long at = (draft.createdAt() != null ? draft.createdAt() : now).getEpochSecond();
        var columns = columns(draft);
        columns.put("created_at", at);
        columns.put("updated_at", now.getEpochSecond());
        columns.put("opted_out", Boolean.TRUE.equals(draft.optedOut()) ? 1 : 0);
        columns.put("opted_out_at", Boolean.TRUE.equals(draft.optedOut()) ? now.getEpochSecond() : null);
        String names = String.join(", ", columns.keySet());
        String values = ":" + String.join(", :", columns.keySet());
        long id = handle.insert("INSERT INTO customer (" + names + ") VALUES (" + values + ")", pairs(columns));
        addTags(handle, id, draft.tags() == null ? Set.of() : draft.tags());
        for (ChannelIdentity identity : draft.identities()) {
            addIdentity(handle, id, identity, now);
        }
        return id;
    }

    /** Writes the given columns (already known to differ) and bumps updated_at. */
    public void update(Handle handle, long id, Map<String, Object> changes, Instant now) {
        if (changes.isEmpty()) {
            return;
        }
        var columns = new LinkedHashMap<>(changes);
        columns.put("updated_at", now.getEpochSecond());
        var assignments = new StringBuilder();
        for (String column : columns.keySet()) {
            assignments.append(assignments.length() == 0 ? "" : ", ").append(column).append(" = :").append(column);
        }
        columns.put("id", id);
        handle.update("UPDATE customer SET " + assignments + " WHERE id = :id", pairs(columns));
    }

    /** Empties the named fields; other names are ignored. */
    public void clear(Handle handle, long id, Set<String> fields, Instant now) {
        var columns = new LinkedHashMap<String, Object>();
        for (String field : fields) {
            switch (field) {
                case "birthday" -> {
                    columns.put("birth_year", null);
                    columns.put("birth_month_day", null);
                }
                case "phone", "gender", "notes", "store", "source" -> columns.put(field, null);
                default -> {
                }
            }
        }
        update(handle, id, columns, now);
    }

    public void addTags(Handle handle, long id, Set<String> tags) {
        for (String tag : tags) {
            handle.update("INSERT OR IGNORE INTO customer_tag (customer_id, tag) VALUES (:id, :tag)", "id", id, "tag", tag);
        }
    }

    public void replaceTags(Handle handle, long id, Set<String> tags) {
        handle.update("DELETE FROM customer_tag WHERE customer_id = :id", "id", id);
        addTags(handle, id, tags);
    }

    public void addIdentity(Handle handle, long id, ChannelIdentity identity, Instant now) {
        handle.update("""
                INSERT INTO channel_identity (channel, external_id, customer_id, created_at)
                VALUES (:channel, :externalId, :id, :now)""",
                "channel", identity.channel(), "externalId", identity.externalId(), "id", id, "now", now.getEpochSecond());
    }

    /** The column values a draft sets (only the fields it gives). */
    static Map<String, Object> columns(CustomerDraft draft) {
        var columns = new LinkedHashMap<String, Object>();
        putIfGiven(columns, "name", draft.name());
        putIfGiven(columns, "phone", draft.phone());
        if (draft.birthday() != null) {
            columns.put("birth_year", draft.birthday().year());
            columns.put("birth_month_day", draft.birthday().monthDayText());
        }
        putIfGiven(columns, "gender", draft.gender() == null ? null : draft.gender().code());
        putIfGiven(columns, "notes", draft.notes());
        putIfGiven(columns, "owner_staff_id", draft.ownerStaffId());
        putIfGiven(columns, "staff_group_id", draft.staffGroupId());
        putIfGiven(columns, "store", draft.store());
        putIfGiven(columns, "source", draft.source());
        putIfGiven(columns, "referrer_id", draft.referrerId());
        return columns;
    }

    private static void putIfGiven(Map<String, Object> columns, String column, Object value) {
        if (value != null) {
            columns.put(column, value);
        }
    }

    static Object[] pairs(Map<String, Object> columns) {
        var pairs = new Object[columns.size() * 2];
        int i = 0;
        for (var entry : columns.entrySet()) {
            pairs[i++] = entry.getKey();
            pairs[i++] = entry.getValue();
        }
        return pairs;
    }

    Customer map(Handle handle, ResultSet row) throws SQLException {
        long id = row.getLong("id");
        var identities = handle.query(
                "SELECT channel, external_id FROM channel_identity WHERE customer_id = :id ORDER BY channel, external_id",
                r -> new ChannelIdentity(r.getString(1), r.getString(2)), "id", id);
        return mapRow(row, identities);
    }

    /** Maps one customer row; identities are passed in (the list view leaves them out). */
    static Customer mapRow(ResultSet row, List<ChannelIdentity> identities) throws SQLException {
        String tagList = row.getString("tag_list");
        Set<String> tags = tagList == null ? Set.of() : Set.of(tagList.split("\n"));
        return new Customer(
                row.getLong("id"),
                row.getString("name"),
                row.getString("phone"),
                Birthday.fromColumns(RowMapper.intOrNull(row, "birth_year"), row.getString("birth_month_day")),
                Gender.fromCode(row.getString("gender")),
                row.getString("notes"),
                tags,
                RowMapper.longOrNull(row, "owner_staff_id"),
                row.getString("owner_staff_name"),
                RowMapper.longOrNull(row, "staff_group_id"),
                row.getString("staff_group_name"),
                row.getString("store"),
                row.getString("source"),
                RowMapper.longOrNull(row, "referrer_id"),
                row.getInt("opted_out") == 1,
                instant(row, "opted_out_at"),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                new PurchaseStats(instant(row, "first_purchase_at"), instant(row, "last_purchase_at"),
                        row.getInt("purchase_count"), row.getLong("purchase_total_cents")),
                identities, row.getString("tier"), row.getString("stage"), row.getLong("points_balance"));
    }

    static final RowMapper<Customer> LIST_ROW = row -> mapRow(row, List.of());

    static Instant instant(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochSecond(value);
    }
}
