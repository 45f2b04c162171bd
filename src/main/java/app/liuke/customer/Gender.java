package app.liuke.customer;

import app.liuke.shared.InvalidInput;
import java.util.Locale;

public enum Gender {
    MALE, FEMALE;

    /** Reads 男/女, 先生/女士, m/f, male/female; blank means unknown (null). */
    public static Gender parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "男", "先生", "m", "male" -> MALE;
            case "女", "女士", "f", "female" -> FEMALE;
            default -> throw new InvalidInput("gender", "error.gender.invalid", text.strip());
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Gender fromCode(String code) {
        return code == null ? null : valueOf(code.toUpperCase(Locale.ROOT));
    }
}
