package app.liuke.customer;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** One customer's archive card (客户档案) as stored. */
public record Customer(
        long id,
        String name,
        String phone,
        Birthday birthday,
        Gender gender,
        String notes,
        Set<String> tags,
        Long ownerStaffId,
        String ownerStaffName,
        Long staffGroupId,
        String staffGroupName,
        String store,
        String source,
        Long referrerId,
        boolean optedOut,
        Instant optedOutAt,
        Instant createdAt,
        Instant updatedAt,
        PurchaseStats purchases,
        List<ChannelIdentity> identities,
        String tier,
        String stage,
        long points) {

    public Customer {
        tags = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(tags));
        identities = List.copyOf(identities);
    }
}
