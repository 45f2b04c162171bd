package app.liuke.web;

import app.liuke.customer.Customer;
import app.liuke.customer.FollowUp;
import app.liuke.customer.Purchase;
import app.liuke.shared.FlexibleDates;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** The JSON shapes the admin API answers with. Money is in yuan with two decimals; times carry the shop's offset. */
final class CustomerViews {
    private final FlexibleDates dates;

    CustomerViews(FlexibleDates dates) {
        this.dates = dates;
    }

    record CustomerView(long id, String name, String phone, String birthday, String gender, String notes, Set<String> tags,
                        Long ownerStaffId, String ownerStaff, Long staffGroupId, String staffGroup, String store,
                        String source, Long referrerId, boolean optedOut, String optedOutAt, String createdAt,
                        String updatedAt, PurchaseSummary purchases, List<CustomerBody.Identity> identities,
                        String tier, String stage, long points) {
    }

    record PurchaseSummary(int count, BigDecimal total, String first, String last) {
    }

    record PurchaseView(long id, Long customerId, String date, BigDecimal amount, List<String> items, String store,
                        Long staffId, String staff, String ref) {
    }

    record FollowUpView(long id, long customerId, Long staffId, String staff, String date, String method, String content) {
    }

    record ContactEventView(String kind, String staff, String detail, String at) {
    }

    record CustomerCard(CustomerView customer, ClassificationApi.ClassificationView classification,
                        List<PurchaseView> recentPurchases, List<FollowUpView> recentFollowUps, List<ContactEventView> contactEvents) {
    }

    ContactEventView of(app.liuke.customer.CustomerService.ContactEvent event) {
        return new ContactEventView(event.kind(), event.staff(), event.detail(), dates.format(event.at()));
    }

    CustomerView of(Customer c) {
        return new CustomerView(c.id(), c.name(), c.phone(), c.birthday() == null ? null : c.birthday().iso(),
                c.gender() == null ? null : c.gender().code(), c.notes(), c.tags(), c.ownerStaffId(), c.ownerStaffName(),
                c.staffGroupId(), c.staffGroupName(), c.store(), c.source(), c.referrerId(), c.optedOut(),
                dates.format(c.optedOutAt()), dates.format(c.createdAt()), dates.format(c.updatedAt()),
                new PurchaseSummary(c.purchases().count(), BigDecimal.valueOf(c.purchases().totalCents(), 2),
                        dates.format(c.purchases().first()), dates.format(c.purchases().last())),
                c.identities().stream().map(i -> new CustomerBody.Identity(i.channel(), i.externalId())).toList(),
                c.tier(), c.stage(), c.points());
    }

    PurchaseView of(Purchase p) {
        return new PurchaseView(p.id(), p.customerId(), dates.format(p.purchasedAt()), BigDecimal.valueOf(p.amountCents(), 2),
                p.items(), p.store(), p.staffId(), p.staffName(), p.ref());
    }

    FollowUpView of(FollowUp f) {
        return new FollowUpView(f.id(), f.customerId(), f.staffId(), f.staffName(), dates.format(f.happenedAt()),
                f.method().code(), f.content());
    }
}
