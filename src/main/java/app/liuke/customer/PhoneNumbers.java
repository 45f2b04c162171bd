package app.liuke.customer;

import app.liuke.shared.InvalidInput;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Normalises phone numbers to E.164 ({@code +8613800138000}) so one person is one record however
 * staff typed the number: "138 0013 8000", "+86-138-0013-8000", "0086 13800138000". Thread-safe.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** Returns the E.164 form, null for blank input, or throws {@link InvalidInput}. */
    public String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String cleaned = raw.strip().replace('（', '(').replace('）', ')').replace('－', '-').replace('＋', '+');
        if (cleaned.startsWith("00")) {
            cleaned = "+" + cleaned.substring(2);
        }
        try {
            var number = UTIL.parse(cleaned, defaultRegion);
            if (!UTIL.isValidNumber(number)) {
                throw new InvalidInput("phone", "error.phone.invalid", raw.strip());
            }
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidInput("phone", "error.phone.invalid", raw.strip());
        }
    }
}
