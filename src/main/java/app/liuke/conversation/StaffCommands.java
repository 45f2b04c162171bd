package app.liuke.conversation;

import app.liuke.customer.Customer;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.CustomerService;
import app.liuke.customer.FollowUpMethod;
import app.liuke.customer.FollowUpService;
import app.liuke.customer.Money;
import app.liuke.customer.PurchaseDraft;
import app.liuke.customer.PurchaseService;
import app.liuke.shared.InvalidInput;
import app.liuke.staff.Role;
import app.liuke.staff.StaffDirectory;
import app.liuke.staff.StaffMember;
import app.liuke.tier.ClassificationCard;
import app.liuke.tier.ClassificationService;
import app.liuke.tier.Tier;
import app.liuke.tier.TierOverride;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Staff commands about customers: /customer, /sale, /note, /tier, /tag, /assign. The router has
 * already checked the role; each command works in the event's transaction. Stateless and thread-safe.
 */
final class StaffCommands {
    private final CustomerLookup lookup;
    private final CustomerService customers;
    private final PurchaseService purchases;
    private final FollowUpService followUps;
    private final ClassificationService classification;
    private final StaffDirectory staff;
    private final java.time.ZoneId zone;

    StaffCommands(CustomerLookup lookup, CustomerService customers, PurchaseService purchases, FollowUpService followUps,
                  ClassificationService classification, StaffDirectory staff, java.time.ZoneId zone) {
        this.zone = zone;
        this.lookup = lookup;
        this.customers = customers;
        this.purchases = purchases;
        this.followUps = followUps;
        this.classification = classification;
        this.staff = staff;
    }

    List<ChatCommand> all() {
        return List.of(
                ChatCommand.staff("customer", Role.STAFF, this::customer),
                ChatCommand.staff("sale", Role.STAFF, this::sale),
                ChatCommand.staff("note", Role.STAFF, this::note),
                ChatCommand.staff("tag", Role.STAFF, this::tag),
                ChatCommand.staff("tier", Role.MANAGER, this::tier),
                ChatCommand.staff("assign", Role.MANAGER, this::assign));
    }

    void customer(Chat chat, String args) {
        if (args.isBlank()) {
            chat.say("staff.customer.usage");
            return;
        }
        lookup.one(chat, args).ifPresent(customer -> {
            var stats = customer.purchases();
            String contact = customers.contactEvents(chat.handle(), customer.id(), 1).stream()
                    .filter(event -> event.kind().equals("customer-deleted-staff") || event.kind().equals("staff-deleted-customer"))
                    .map(event -> "\n" + chat.text("staff.customer.contact." + event.kind(), "staff", event.staff() == null ? "-" : event.staff(),
                            "date", java.time.LocalDate.ofInstant(event.at(), zone)))
                    .findFirst().orElse("");
            chat.say("staff.customer.card", "id", customer.id(), "name", customer.name(),
                    "phone", customer.phone() == null ? "" : customer.phone(),
                    "tier", customer.tier() == null ? "-" : customer.tier(),
                    "stage", customer.stage() == null ? "-" : chat.text("stage." + customer.stage()),
                    "points", customer.points(), "count", stats.count(), "total", Money.format(stats.totalCents()),
                    "last", stats.last() == null ? "-" : java.time.LocalDate.ofInstant(stats.last(), zone),
                    "owner", customer.ownerStaffName() == null ? "-" : customer.ownerStaffName(),
                    "tags", customer.tags().isEmpty() ? "-" : String.join(chat.text("punct.list"), customer.tags()),
                    "channels", customer.identities().isEmpty() ? "-" : customer.identities().stream()
                            .map(identity -> chat.text("channelName." + identity.channel())).distinct()
                            .collect(java.util.stream.Collectors.joining(" · ")),
                    "optedOut", customer.optedOut() ? chat.text("staff.customer.optedOut") : "", "contact", contact);
        });
    }

    /** /sale CUSTOMER AMOUNT [ITEMS…]: recorded, points earned and tier updated in the same transaction. */
    private void sale(Chat chat, String args) {
        String[] words = args.strip().split("\\s+");
        if (args.isBlank() || words.length < 2) {
            chat.say("staff.sale.usage");
            return;
        }
        long cents;
        try {
            cents = Money.parseCents(words[1]);
        } catch (InvalidInput e) {
            chat.say("staff.sale.amount", "amount", ChatInput.clean(words[1], 32));
            return;
        }
        List<String> items = Arrays.asList(words).subList(2, words.length);
        lookup.one(chat, words[0]).ifPresent(customer -> {
            StaffMember seller = chat.staff().orElseThrow();
            purchases.record(chat.handle(), new PurchaseDraft(customer.id(), null, null, cents, items, null, seller.id(), null),
                    chat.now());
            ClassificationCard card = classification.card(chat.handle(), customer.id());
            String tier = card.tier() == null ? null : card.tier().name();
            chat.say("staff.sale.done", "name", customer.name(), "amount", Money.format(cents),
                    "items", items.isEmpty() ? "" : chat.text("punct.open") + String.join(" ", items) + chat.text("punct.close"),
                    "points", card.points(),
                    "tier", tier == null ? "-" : tier, "tierName", CardText.tierName(chat, tier));
        });
    }

    /** /note CUSTOMER TEXT: a follow-up by this staff member; a first word such as 电话 or 到店 names how. */
    private void note(Chat chat, String args) {
        String[] parts = CustomerLookup.split(args);
        if (parts[0].isEmpty() || parts[1].isEmpty()) {
            chat.say("staff.note.usage");
            return;
        }
        String text = ChatInput.clean(parts[1], CustomerDraft.MAX_NOTES);
        lookup.one(chat, parts[0]).ifPresent(customer -> {
            followUps.record(chat.handle(), customer.id(), chat.staff().orElseThrow().id(), null, method(text), text, chat.now());
            chat.say("staff.note.done", "name", customer.name(), "text", text);
        });
    }

    private static final List<String> METHOD_WORDS = List.of("电话", "微信", "聊天", "到店", "面谈", "短信", "phone", "chat",
            "visit", "sms");

    /** "电话回访…" was a phone call, "到店…" a visit; anything else is recorded as "other". */
    static FollowUpMethod method(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return METHOD_WORDS.stream().filter(lower::startsWith).findFirst().map(FollowUpMethod::parse).orElse(FollowUpMethod.OTHER);
    }

    private void tag(Chat chat, String args) {
        String[] parts = CustomerLookup.split(args);
        if (parts[0].isEmpty() || parts[1].isEmpty()) {
            chat.say("staff.tag.usage");
            return;
        }
        lookup.one(chat, parts[0]).ifPresent(customer -> {
            Customer tagged = customers.addTags(chat.handle(), customer.id(), Set.of(parts[1]), chat.now());
            chat.say("staff.tag.done", "name", customer.name(), "tag", parts[1].strip(), "tags", String.join(chat.text("punct.list"), tagged.tags()));
        });
    }

    /** /tier CUSTOMER A|B|C|auto [REASON]: a manager's override, audited with who and why. */
    private void tier(Chat chat, String args) {
        String[] words = args.strip().split("\\s+", 3);
        if (words.length < 2) {
            chat.say("staff.tier.usage");
            return;
        }
        boolean auto = words[1].equalsIgnoreCase("auto") || words[1].equals("自动");
        Tier tier = auto ? null : Tier.parse(words[1]);
        String by = chat.staff().orElseThrow().name();
        String reason = words.length > 2 ? ChatInput.clean(words[2], 200) : chat.text("staff.tier.defaultReason");
        lookup.one(chat, words[0]).ifPresent(customer -> {
            var override = auto ? TierOverride.auto(by) : new TierOverride(tier, by, reason, null);
            ClassificationCard card = classification.override(chat.handle(), customer.id(), override, chat.now());
            String now = card.tier() == null ? null : card.tier().name();
            chat.say(auto ? "staff.tier.auto" : "staff.tier.done", "name", customer.name(), "tier", now == null ? "-" : now,
                    "tierName", CardText.tierName(chat, now));
        });
    }

    /**
     * /assign CUSTOMER STAFF_NAME: the staff member (and their group) who look after the customer;
     * /assign all FROM TO (全部): every customer of a staff member who leaves goes to another.
     */
    private void assign(Chat chat, String args) {
        var all = java.util.regex.Pattern.compile("(?:all|全部)\\s+(\\S+)\\s+(\\S+)").matcher(args.strip());
        if (all.matches()) {
            var from = staff.byName(chat.handle(), all.group(1));
            var to = staff.byName(chat.handle(), all.group(2));
            if (from.isEmpty() || to.isEmpty()) {
                chat.say("staff.assign.noStaff", "staff", ChatInput.clean(from.isEmpty() ? all.group(1) : all.group(2), 64));
                return;
            }
            int moved = customers.reassignAll(chat.handle(), from.get().id(), to.get().id(), chat.now());
            chat.say("staff.assign.all", "count", moved, "from", from.get().name(), "to", to.get().name());
            return;
        }
        String[] parts = CustomerLookup.split(args);
        if (parts[0].isEmpty() || parts[1].isEmpty()) {
            chat.say("staff.assign.usage");
            return;
        }
        var member = staff.byName(chat.handle(), parts[1]);
        if (member.isEmpty()) {
            chat.say("staff.assign.noStaff", "staff", ChatInput.clean(parts[1], 64));
            return;
        }
        lookup.one(chat, parts[0]).ifPresent(customer -> {
            customers.patch(chat.handle(), customer.id(), new CustomerDraft(null, null, null, null, null, null,
                    member.get().id(), member.get().groupId(), null, null, null, null, null, null), Set.of(), chat.now());
            chat.say("staff.assign.done", "name", customer.name(), "staff", member.get().name());
        });
    }
}
