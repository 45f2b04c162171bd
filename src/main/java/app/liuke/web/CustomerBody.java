package app.liuke.web;

import app.liuke.customer.Birthday;
import app.liuke.customer.ChannelIdentity;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.Gender;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;

/** JSON body of {@code POST /api/customers} and {@code PATCH /api/customers/{id}}. Every field is optional. */
record CustomerBody(String name, String phone, String birthday, String gender, String notes, List<String> tags,
                    Long ownerStaffId, Long staffGroupId, String store, String source, Long referrerId,
                    Boolean optedOut, List<Identity> identities) {

    record Identity(String channel, String id) {
    }

    /** In a PATCH, a text field sent as "" is cleared (a name cannot be). */
    java.util.Set<String> clearedFields() {
        var cleared = new java.util.LinkedHashSet<String>();
        java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("phone", phone);
        texts.put("birthday", birthday);
        texts.put("gender", gender);
        texts.put("notes", notes);
        texts.put("store", store);
        texts.put("source", source);
        texts.forEach((field, value) -> {
            if (value != null && value.isBlank()) {
                cleared.add(field);
            }
        });
        return cleared;
    }

    CustomerDraft toDraft(LocalDate today) {
        var identityList = identities == null ? List.<ChannelIdentity>of()
                : identities.stream().map(identity -> new ChannelIdentity(identity.channel(), identity.id())).toList();
        return new CustomerDraft(name, phone,
                birthday == null || birthday.isBlank() ? null : Birthday.parse(birthday, today),
                Gender.parse(gender), notes, tags == null ? null : new LinkedHashSet<>(tags), ownerStaffId, staffGroupId,
                store, source, referrerId, optedOut, identityList, null);
    }
}
