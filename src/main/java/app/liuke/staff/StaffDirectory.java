package app.liuke.staff;

import app.liuke.store.Handle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Staff members and staff groups, found by id or name. Stateless; runs inside the caller's transaction. */
public final class StaffDirectory {
    private static final String SELECT = """
            SELECT s.id, s.name, s.role, s.staff_group_id, g.name AS group_name, s.telegram_user_id, s.wechat_openid, s.wecom_userid
            FROM staff s LEFT JOIN staff_group g ON g.id = s.staff_group_id
            """;

    public List<StaffMember> list(Handle handle) {
        return handle.query(SELECT + " ORDER BY s.id", StaffDirectory::map);
    }

    public Optional<StaffMember> byId(Handle handle, long id) {
        return handle.queryOne(SELECT + " WHERE s.id = :id", StaffDirectory::map, "id", id);
    }

    public Optional<StaffMember> byName(Handle handle, String name) {
        return handle.queryOne(SELECT + " WHERE s.name = :name", StaffDirectory::map, "name", name);
    }

    public Optional<StaffMember> byTelegramUser(Handle handle, long telegramUserId) {
        return handle.queryOne(SELECT + " WHERE s.telegram_user_id = :telegram", StaffDirectory::map, "telegram", telegramUserId);
    }

    /** The owner-role member who stands for whoever uses the web chat with the admin token; created on first use. */
    public Optional<StaffMember> byWechatOpenId(Handle handle, String openid) {
        return handle.queryOne(SELECT + " WHERE s.wechat_openid = :openid", StaffDirectory::map, "openid", openid);
    }

    public Optional<StaffMember> byWecomUserId(Handle handle, String userId) {
        return handle.queryOne(SELECT + " WHERE s.wecom_userid = :user", StaffDirectory::map, "user", userId);
    }

    /** Adds a member of staff who works from WeChat; the new id. */
    public long addWechatStaff(Handle handle, String name, Role role, Long groupId, String openid, Instant now) {
        return addBy(handle, "wechat_openid", name, role, groupId, openid, now);
    }

    /** Adds a member of staff who works from the WeCom app; the new id. */
    public long addWecomStaff(Handle handle, String name, Role role, Long groupId, String userId, Instant now) {
        return addBy(handle, "wecom_userid", name, role, groupId, userId, now);
    }

    private static long addBy(Handle handle, String column, String name, Role role, Long groupId, String id, Instant now) {
        return handle.insert("INSERT INTO staff (name, role, staff_group_id, " + column + ", created_at)"
                        + " VALUES (:name, :role, :group, :id, :now)",
                "name", name, "role", role.code(), "group", groupId, "id", id, "now", now.getEpochSecond());
    }

    /** WeCom userids that are owners from the start ({@code wecom.owners}): added, or raised to owner. */
    public void seedWecomOwners(Handle handle, java.util.List<String> userIds, Instant now) {
        for (String userId : userIds) {
            var existing = byWecomUserId(handle, userId);
            if (existing.isEmpty()) {
                addWecomStaff(handle, uniqueName(handle, userId), Role.OWNER, null, userId, now);
            } else if (existing.get().role() != Role.OWNER) {
                setRole(handle, existing.get().id(), Role.OWNER);
            }
        }
    }

    public StaffMember webAdmin(Handle handle, String name, Instant now) {
        return handle.queryOne(SELECT + " WHERE s.web_admin = 1", StaffDirectory::map).orElseGet(() -> {
            String unique = byName(handle, name).isPresent() ? name + " (web)" : name;
            long id = handle.insert("INSERT INTO staff (name, role, web_admin, created_at) VALUES (:name, 'owner', 1, :now)",
                    "name", unique, "now", now.getEpochSecond());
            return byId(handle, id).orElseThrow();
        });
    }

    /** Gives the owner role to each Telegram user id in {@code staff.owners}, adding them when new. */
    public void seedOwners(Handle handle, java.util.List<Long> telegramUserIds, Instant now) {
        for (long telegram : telegramUserIds) {
            var existing = byTelegramUser(handle, telegram);
            if (existing.isPresent()) {
                handle.update("UPDATE staff SET role = 'owner' WHERE id = :id", "id", existing.get().id());
            } else {
                addStaff(handle, uniqueName(handle, "Owner " + telegram), Role.OWNER, null, telegram, now);
            }
        }
    }

    /** {@code name}, or {@code name (2)}, {@code name (3)} … when taken. */
    public String uniqueName(Handle handle, String name) {
        String candidate = name;
        for (int i = 2; byName(handle, candidate).isPresent(); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }

    public void setRole(Handle handle, long staffId, Role role) {
        handle.update("UPDATE staff SET role = :role WHERE id = :id", "role", role.code(), "id", staffId);
    }

    /** The staff member with this name, created (role staff) when the archive has none yet. */
    public long idForName(Handle handle, String name, Long groupId, Instant now) {
        return byName(handle, name).map(StaffMember::id).orElseGet(() -> handle.insert(
                "INSERT INTO staff (name, role, staff_group_id, created_at) VALUES (:name, 'staff', :group, :now)",
                "name", name, "group", groupId, "now", now.getEpochSecond()));
    }

    public long addStaff(Handle handle, String name, Role role, Long groupId, Long telegramUserId, Instant now) {
        return handle.insert("""
                INSERT INTO staff (name, role, staff_group_id, telegram_user_id, created_at)
                VALUES (:name, :role, :group, :telegram, :now)""",
                "name", name, "role", role.code(), "group", groupId, "telegram", telegramUserId, "now", now.getEpochSecond());
    }

    public Optional<Long> groupIdByName(Handle handle, String name) {
        return handle.queryOne("SELECT id FROM staff_group WHERE name = :name", row -> row.getLong(1), "name", name);
    }

    public boolean groupExists(Handle handle, long id) {
        return handle.queryLong("SELECT count(*) FROM staff_group WHERE id = :id", "id", id) > 0;
    }

    /** The staff group with this name, created when the archive has none yet. */
    public long groupIdForName(Handle handle, String name, String store) {
        return groupIdByName(handle, name).orElseGet(() -> handle.insert(
                "INSERT INTO staff_group (name, store) VALUES (:name, :store)", "name", name, "store", store));
    }

    private static StaffMember map(java.sql.ResultSet row) throws java.sql.SQLException {
        long group = row.getLong("staff_group_id");
        Long groupId = row.wasNull() ? null : group;
        long telegram = row.getLong("telegram_user_id");
        Long telegramId = row.wasNull() ? null : telegram;
        return new StaffMember(row.getLong("id"), row.getString("name"), Role.fromCode(row.getString("role")),
                groupId, row.getString("group_name"), telegramId, row.getString("wechat_openid"),
                row.getString("wecom_userid"));
    }
}
