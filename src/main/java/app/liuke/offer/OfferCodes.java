package app.liuke.offer;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Personal offer codes: 8 characters from 32 that cannot be misread (no 0, O, 1 or I), 40 random
 * bits from {@link SecureRandom}, shown as {@code ABCD-EFGH}. Typed codes are read leniently:
 * lower case, spaces and dashes are fine. Thread-safe.
 */
public final class OfferCodes {
    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OfferCodes() {
    }

    static String newCode() {
        var code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** What someone typed, as stored: upper case, letters and digits only (at most 32 kept). */
    public static String normalize(String typed) {
        if (typed == null) {
            return "";
        }
        var out = new StringBuilder();
        typed.toUpperCase(Locale.ROOT).codePoints().filter(c -> c < 128 && Character.isLetterOrDigit(c)).limit(32)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** A stored code as shown to people: personal codes in two groups of four. */
    public static String display(String code) {
        return code.length() == LENGTH && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
                ? code.substring(0, 4) + "-" + code.substring(4) : code;
    }
}
