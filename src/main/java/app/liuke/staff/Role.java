package app.liuke.staff;

import java.util.Locale;

/** What a staff member may do. Owners may do everything a manager may, managers everything staff may. */
public enum Role {
    STAFF, MANAGER, OWNER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }
}
