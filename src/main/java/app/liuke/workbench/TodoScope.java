package app.liuke.workbench;

/**
 * Whose to-do list: one staff member's customers, a staff group's (its members' customers and the
 * group's own), or the whole shop. {@link #customers} filters {@code customer c}; {@link #tasks} filters
 * {@code follow_up_task t}, where a group or the shop also sees the tasks nobody owns.
 */
public record TodoScope(Long staffId, Long groupId) {
    public static TodoScope staff(long id) {
        return new TodoScope(id, null);
    }

    public static TodoScope group(long id) {
        return new TodoScope(null, id);
    }

    public static TodoScope everyone() {
        return new TodoScope(null, null);
    }

    String customers() {
        if (staffId != null) {
            return "c.owner_staff_id = :scopeStaff";
        }
        return groupId == null ? "1 = 1" : """
                (c.staff_group_id = :scopeGroup OR c.owner_staff_id IN (SELECT id FROM staff WHERE staff_group_id = :scopeGroup))""";
    }

    String tasks() {
        if (staffId != null) {
            return "t.staff_id = :scopeStaff";
        }
        return groupId == null ? "1 = 1"
                : "(t.staff_id IS NULL OR t.staff_id IN (SELECT id FROM staff WHERE staff_group_id = :scopeGroup))";
    }

    Object[] params() {
        return new Object[] {"scopeStaff", staffId, "scopeGroup", groupId};
    }
}
