package app.liuke.customer;

import app.liuke.shared.InvalidInput;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a caller says about a customer. A null field means "not given": creating leaves it empty,
 * updating leaves it as it was. Text is trimmed and length-checked here, once for every edge.
 */
public record CustomerDraft(
        String name,
        String phone,
        Birthday birthday,
        Gender gender,
        String notes,
        Set<String> tags,
        Long ownerStaffId,
        Long staffGroupId,
        String store,
        String source,
        Long referrerId,
        Boolean optedOut,
        List<ChannelIdentity> identities,
        Instant createdAt) {

    public static final int MAX_NAME = 64;
    public static final int MAX_NOTES = 2000;
    public static final int MAX_TAGS = 50;

    public CustomerDraft {
        name = text("name", name, MAX_NAME);
        phone = text("phone", phone, 32);
        notes = text("notes", notes, MAX_NOTES);
        store = text("store", store, 64);
        source = text("source", source, 64);
        if (tags != null) {
            if (tags.size() > MAX_TAGS) {
                throw new InvalidInput("tags", "error.tags.tooMany", MAX_TAGS);
            }
            var cleaned = new java.util.TreeSet<String>();
            for (String tag : tags) {
                String value = text("tags", tag, 32);
                if (value != null && !value.isEmpty()) {
                    cleaned.add(value);
                }
            }
            tags = java.util.Collections.unmodifiableSortedSet(cleaned);
        }
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    public static CustomerDraft empty() {
        return new CustomerDraft(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public CustomerDraft withName(String value) {
        return new CustomerDraft(value, phone, birthday, gender, notes, tags, ownerStaffId, staffGroupId, store, source,
                referrerId, optedOut, identities, createdAt);
    }

    public CustomerDraft withPhone(String value) {
        return new CustomerDraft(name, value, birthday, gender, notes, tags, ownerStaffId, staffGroupId, store, source,
                referrerId, optedOut, identities, createdAt);
    }

    public CustomerDraft withTags(Set<String> value) {
        return new CustomerDraft(name, phone, birthday, gender, notes, value, ownerStaffId, staffGroupId, store, source,
                referrerId, optedOut, identities, createdAt);
    }

    public CustomerDraft withIdentities(List<ChannelIdentity> value) {
        return new CustomerDraft(name, phone, birthday, gender, notes, tags, ownerStaffId, staffGroupId, store, source,
                referrerId, optedOut, value, createdAt);
    }

    /** Trims; blank becomes null; control characters other than newline and tab are refused. */
    static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw new InvalidInput(field, "error.text.tooLong", max);
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new InvalidInput(field, "error.text.control");
        }
        return trimmed;
    }
}
