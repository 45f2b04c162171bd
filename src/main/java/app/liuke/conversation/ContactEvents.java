package app.liuke.conversation;

import app.liuke.channel.ChatRef;
import app.liuke.channel.Inbound;
import app.liuke.channel.Outbound;
import app.liuke.channel.Person;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.CustomerService;
import app.liuke.group.Groups;
import app.liuke.staff.Role;
import app.liuke.staff.StaffDirectory;
import app.liuke.staff.StaffMember;
import app.liuke.store.Handle;
import app.liuke.tier.Classifier;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What staff members' WeCom contacts (客户联系) and customer groups (客户群) mean for the archive:
 * <ul>
 *   <li>added: the customer is linked or created (source: the {@code State} of the 活码, or wecom), the staff
 *       member who added them owns them when nobody does, and the welcome goes out once (with the add
 *       event's code, which WeCom honours for 20 seconds);</li>
 *   <li>the customer deleted the staff member: a churn signal, recorded, and a to-do (a task) for the
 *       manager of that staff member's group;</li>
 *   <li>the staff member deleted the customer, an edit, a failed transfer: recorded (a failed transfer also
 *       told to managers);</li>
 *   <li>a managed group's members now: newcomers join (welcome by the group's robot), those gone leave,
 *       and both count as group activity.</li>
 * </ul>
 * Every change is a {@code contact_event} row, shown on the customer's card. Stateless; runs in the event's transaction.
 */
final class ContactEvents {
    static final String LOST_CONTACT = "lost-contact";
    private static final long WELCOME_SECONDS = 20;
    private final Members members;
    private final CustomerService customers;
    private final StaffDirectory staff;
    private final Groups groups;
    private final GroupEvents groupEvents;
    private final Classifier classifier;

    ContactEvents(Members members, CustomerService customers, StaffDirectory staff, Groups groups, GroupEvents groupEvents,
                  Classifier classifier) {
        this.members = members;
        this.customers = customers;
        this.staff = staff;
        this.groups = groups;
        this.groupEvents = groupEvents;
        this.classifier = classifier;
    }

    void changed(Chat chat, Inbound.ContactChange event) {
        Handle handle = chat.handle();
        Optional<StaffMember> member = staff.byWecomUserId(handle, event.staffUserId());
        Long staffId = member.map(StaffMember::id).orElse(null);
        String staffName = member.map(StaffMember::name).orElse(event.staffUserId());
        String external = event.chat().chatId();
        switch (event.change()) {
            case "add" -> added(chat, event, member);
            case "edit" -> {
                members.customerOf(handle, event.customer()).ifPresent(id -> record(handle, id, "edited", staffId, null, chat.now()));
                members.remember(handle, event.customer());
            }
            case "del_follow" -> members.customerOf(handle, event.customer()).ifPresent(id -> {
                record(handle, id, "customer-deleted-staff", staffId, staffName, chat.now());
                String name = customers.find(handle, id).map(c -> c.name()).orElse("#" + id);
                Long manager = member.flatMap(m -> managerOf(handle, m)).orElse(null);
                handle.insert("""
                        INSERT INTO follow_up_task (customer_id, kind, staff_id, detail, created_at)
                        VALUES (:customer, :kind, :staff, :detail, :now)""", "customer", id, "kind", LOST_CONTACT, "staff", manager,
                        "detail", chat.text("wecom.lostContact", "customer", "#" + id + " " + name, "staff", staffName),
                        "now", chat.now().getEpochSecond());
            });
            case "del_external" -> members.customerOf(handle, event.customer()).ifPresent(id -> {
                record(handle, id, "staff-deleted-customer", staffId, staffName, chat.now());
                handle.update("UPDATE channel_identity SET follow_user = NULL WHERE channel = 'wecom' AND external_id = :id"
                        + " AND follow_user = :user", "id", external, "user", event.staffUserId());
            });
            case "transfer_fail" -> members.customerOf(handle, event.customer()).ifPresent(id -> {
                String reason = event.details().getOrDefault("FailReason", "");
                record(handle, id, "transfer-failed", staffId, reason, chat.now());
                String name = customers.find(handle, id).map(c -> c.name()).orElse("#" + id);
                for (StaffMember manager : staff.list(handle)) {
                    if (manager.role().atLeast(Role.MANAGER) && manager.chat().isPresent()) {
                        chat.send(new Outbound.SendText(manager.chat().get(), chat.text("wecom.transferFailed", "customer",
                                "#" + id + " " + name, "staff", staffName, "reason", reason)).withLink("/#customer/" + id));
                    }
                }
            });
            default -> {
            }
        }
    }

    private void added(Chat chat, Inbound.ContactChange event, Optional<StaffMember> member) {
        Handle handle = chat.handle();
        String state = event.details().getOrDefault("State", "");
        var registration = members.register(handle, event.customer(), state.isEmpty() ? "wecom" : "wecom:" + state, chat.now());
        long id = registration.customerId();
        handle.update("UPDATE channel_identity SET follow_user = :user WHERE channel = 'wecom' AND external_id = :id",
                "user", event.staffUserId(), "id", event.chat().chatId());
        if (member.isPresent() && customers.find(handle, id).map(c -> c.ownerStaffId() == null).orElse(false)) {
            customers.patch(handle, id, new CustomerDraft(null, null, null, null, null, null, member.get().id(), member.get().groupId(),
                    null, null, null, null, null, null), Set.of(), chat.now());
        }
        record(handle, id, "added", member.map(StaffMember::id).orElse(null), state.isEmpty() ? null : state, chat.now());
        String code = event.details().get("WelcomeCode");
        boolean welcomed = handle.queryLong("SELECT count(*) FROM channel_identity WHERE customer_id = :id AND welcomed_at IS NOT NULL",
                "id", id) > 0;
        if (code != null && !welcomed) {
            handle.update("UPDATE channel_identity SET welcomed_at = :now WHERE channel = 'wecom' AND external_id = :id",
                    "now", chat.now().getEpochSecond(), "id", event.chat().chatId());
            String name = customers.find(handle, id).map(c -> c.name()).orElse("");
            chat.send(new Outbound.Welcome(event.chat(), code, chat.text("wecom.welcome", "name", name,
                    "staff", member.map(StaffMember::name).orElse("")), chat.now().getEpochSecond() + WELCOME_SECONDS));
        }
    }

    void roster(Chat groupChat, Inbound.GroupRoster roster) {
        Handle handle = groupChat.handle();
        var group = groups.find(handle, roster.chat().channel(), roster.chat().chatId());
        if (group.isEmpty()) {
            return;
        }
        if (roster.dismissed()) {
            groups.setActive(handle, roster.chat().channel(), roster.chat().chatId(), false);
            return;
        }
        Set<Long> present = new HashSet<>(handle.query("""
                SELECT customer_id FROM group_member WHERE group_id = :group AND joined_at IS NOT NULL AND left_at IS NULL""",
                row -> row.getLong(1), "group", group.get().id()));
        var newcomers = new java.util.ArrayList<Person>();
        Set<Long> now = new HashSet<>();
        for (Person person : roster.members()) {
            Optional<Long> known = members.customerOf(handle, person);
            known.ifPresent(now::add);
            if (known.isEmpty() || !present.contains(known.get())) {
                newcomers.add(person);
            }
        }
        if (!newcomers.isEmpty()) {
            groupEvents.joined(groupChat, new Inbound.MembersJoined(roster.chat(), newcomers, null));
            newcomers.forEach(person -> members.customerOf(handle, person).ifPresent(id -> active(groupChat, id)));
        }
        for (long gone : present) {
            if (!now.contains(gone)) {
                groups.left(handle, group.get().id(), gone, groupChat.now());
                active(groupChat, gone);
            }
        }
    }

    /** Joining or leaving is what WeCom reports of a group without its paid chat archive: it counts as activity. */
    private void active(Chat chat, long customerId) {
        chat.handle().update("UPDATE customer SET last_group_activity_at = max(COALESCE(last_group_activity_at, 0), :at) WHERE id = :id",
                "at", chat.now().getEpochSecond(), "id", customerId);
        classifier.classify(chat.handle(), customerId, chat.now());
    }

    private static Optional<Long> managerOf(Handle handle, StaffMember member) {
        return handle.queryOne("""
                SELECT id FROM staff WHERE role IN ('manager', 'owner') AND (staff_group_id = :group OR CAST(:group AS BIGINT) IS NULL)
                ORDER BY role = 'manager' DESC, id LIMIT 1""", row -> row.getLong(1), "group", member.groupId());
    }

    private static void record(Handle handle, long customerId, String kind, Long staffId, String detail, Instant now) {
        handle.update("INSERT INTO contact_event (customer_id, kind, staff_id, detail, at) VALUES (:c, :k, :s, :d, :at)",
                "c", customerId, "k", kind, "s", staffId, "d", detail, "at", now.getEpochSecond());
    }
}
