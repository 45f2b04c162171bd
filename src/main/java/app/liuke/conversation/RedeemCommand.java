package app.liuke.conversation;

import app.liuke.customer.Customer;
import app.liuke.customer.CustomerService;
import app.liuke.customer.Money;
import app.liuke.customer.PurchaseDraft;
import app.liuke.customer.PurchaseService;
import app.liuke.offer.Offer;
import app.liuke.offer.OfferCodes;
import app.liuke.offer.Redemptions;
import app.liuke.shared.InvalidInput;
import app.liuke.staff.Role;
import app.liuke.staff.StaffMember;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /redeem CODE [AMOUNT [ITEMS…]]}: a staff member uses a customer's offer code at the counter,
 * optionally recording the sale with it. A shared code names the customer: {@code /redeem CODE
 * CUSTOMER [AMOUNT …]}. Refusals say why, and a used code says when, where and by whom.
 */
final class RedeemCommand {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final Redemptions redemptions;
    private final CustomerLookup lookup;
    private final CustomerService customers;
    private final PurchaseService purchases;
    private final OfferWords words;

    RedeemCommand(Redemptions redemptions, CustomerLookup lookup, CustomerService customers, PurchaseService purchases,
                  OfferWords words) {
        this.redemptions = redemptions;
        this.lookup = lookup;
        this.customers = customers;
        this.purchases = purchases;
        this.words = words;
    }

    ChatCommand command() {
        return ChatCommand.staff("redeem", Role.STAFF, this::redeem);
    }

    private void redeem(Chat chat, String args) {
        List<String> input = args.isBlank() ? List.of() : Arrays.asList(args.strip().split("\\s+"));
        if (input.isEmpty()) {
            chat.say("redeem.usage");
            return;
        }
        // a code typed in two halves ("ABCD EFGH") is one code
        int codeWords = input.size() > 1 && OfferCodes.normalize(input.get(0) + input.get(1)).length() == 8
                && OfferCodes.normalize(input.get(0)).length() == 4 ? 2 : 1;
        String code = String.join("", input.subList(0, codeWords));
        List<String> rest = input.subList(codeWords, input.size());
        StaffMember member = chat.staff().orElseThrow();
        String store = member.groupId() == null ? null : chat.handle().queryOne("SELECT store FROM staff_group WHERE id = :id",
                row -> row.getString(1), "id", member.groupId()).orElse(null);
        Long sharedCustomer = null;
        if (!rest.isEmpty() && redemptions.isSharedCode(chat.handle(), code)) {
            var customer = lookup.one(chat, rest.get(0));
            if (customer.isEmpty()) {
                return;
            }
            sharedCustomer = customer.get().id();
            rest = rest.subList(1, rest.size());
        }
        Long cents = null;
        if (!rest.isEmpty()) {
            try {
                cents = Money.parseCents(rest.get(0));
            } catch (InvalidInput e) {
                chat.say("staff.sale.amount", "amount", ChatInput.clean(rest.get(0), 32));
                return;
            }
        }
        var outcome = redemptions.redeem(chat.handle(), code, sharedCustomer, member.id(), store, chat.now());
        if (!outcome.redeemed()) {
            refuse(chat, outcome);
            return;
        }
        Customer customer = customers.find(chat.handle(), outcome.customerId()).orElseThrow();
        String shown = OfferCodes.display(outcome.code());
        if (cents == null) {
            chat.say("redeem.done", "customer", label(customer), "title", outcome.offer().title(), "code", shown);
            return;
        }
        List<String> items = rest.subList(1, rest.size());
        long purchaseId = purchases.record(chat.handle(), new PurchaseDraft(customer.id(), null, null, cents, items, store,
                member.id(), null), chat.now());
        redemptions.linkPurchase(chat.handle(), outcome.redemptionId(), purchaseId);
        chat.say("redeem.doneWithSale", "customer", label(customer), "title", outcome.offer().title(), "code", shown,
                "amount", Money.format(cents));
    }

    private void refuse(Chat chat, Redemptions.Outcome outcome) {
        Offer offer = outcome.offer();
        String code = OfferCodes.display(outcome.code());
        String customer = outcome.customerId() == null ? "" : customers.find(chat.handle(), outcome.customerId())
                .map(RedeemCommand::label).orElse("");
        switch (outcome.problem()) {
            case UNKNOWN_CODE -> chat.say("redeem.unknown", "code", ChatInput.clean(code, 32));
            case NEEDS_CUSTOMER -> chat.say("redeem.needsCustomer", "code", code, "title", offer.title());
            case USED -> chat.say("redeem.used",
                    "when", LocalDateTime.ofInstant(outcome.earlier().at(), words.zone()).format(WHEN),
                    "store", outcome.earlier().store() == null ? chat.text("redeem.unknownStore") : outcome.earlier().store(),
                    "staff", outcome.earlier().staffName() == null ? chat.text("redeem.unknownStaff") : outcome.earlier().staffName());
            case WITHDRAWN -> chat.say("redeem.withdrawn", "title", offer.title());
            case NOT_STARTED -> chat.say("redeem.notStarted", "title", offer.title(), "date", offer.validFrom());
            case ENDED -> chat.say("redeem.ended", "title", offer.title(), "date", date(offer.validUntil()));
            case EXPIRED -> chat.say("redeem.expired", "title", offer.title(), "customer", customer);
            case NOT_ELIGIBLE -> chat.say("redeem.notEligible", "title", offer.title(), "customer", customer,
                    "who", words.who(chat, offer));
            case USED_UP -> chat.say("redeem.usedUp", "title", offer.title(), "customer", customer, "limit", offer.perCustomer());
            case OUT_OF_STOCK -> chat.say("redeem.outOfStock", "title", offer.title());
        }
    }

    private static String label(Customer customer) {
        return "#" + customer.id() + " " + customer.name();
    }

    private static Object date(LocalDate day) {
        return day == null ? "-" : day;
    }
}
