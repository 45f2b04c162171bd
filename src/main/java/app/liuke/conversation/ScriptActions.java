package app.liuke.conversation;

import app.liuke.channel.Outbound;
import app.liuke.conversation.script.ScriptAction;
import app.liuke.customer.Birthday;
import app.liuke.customer.Customer;
import app.liuke.customer.CustomerDraft;
import app.liuke.customer.CustomerService;
import app.liuke.staff.StaffDirectory;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/** Carries out the actions of a bot-script step for the customer in the chat. Stateless and thread-safe. */
final class ScriptActions {
    private final Members members;
    private final CustomerService customers;
    private final StaffDirectory staff;
    private final ChatTexts texts;
    private final String shopLanguage;
    private final ZoneId zone;

    ScriptActions(Members members, CustomerService customers, StaffDirectory staff, ChatTexts texts, String shopLanguage,
                  ZoneId zone) {
        this.members = members;
        this.customers = customers;
        this.staff = staff;
        this.texts = texts;
        this.shopLanguage = shopLanguage;
        this.zone = zone;
    }

    void run(Chat chat, ScriptAction action, Map<String, String> answers) {
        long customerId = members.register(chat.handle(), chat.who(), chat.who().channel(), chat.now()).customerId();
        var handle = chat.handle();
        switch (action.kind()) {
            case "set-birthday" -> {
                String given = answers.getOrDefault("birthday", "");
                Birthday birthday = Birthday.parse(given.startsWith("--") ? given.substring(2) : given,
                        LocalDate.ofInstant(chat.now(), zone));
                customers.patch(handle, customerId, new CustomerDraft(null, null, birthday, null, null, null, null, null,
                        null, null, null, null, null, null), Set.of(), chat.now());
            }
            case "tag" -> customers.addTags(handle, customerId, Set.of(action.argument()), chat.now());
            case "opt-out", "opt-in" -> customers.patch(handle, customerId, new CustomerDraft(null, null, null, null, null,
                    null, null, null, null, null, null, action.kind().equals("opt-out"), null, null), Set.of(), chat.now());
            case "notify-owner" -> notifyOwner(chat, customerId, action.argument(), answers);
            default -> throw new IllegalStateException("unknown action " + action.kind());
        }
    }

    /** Tells the customer's staff member (in the shop's language, privately) when they have a Telegram account. */
    private void notifyOwner(Chat chat, long customerId, String textKey, Map<String, String> answers) {
        Customer customer = customers.find(chat.handle(), customerId).orElseThrow();
        if (customer.ownerStaffId() == null) {
            return;
        }
        staff.byId(chat.handle(), customer.ownerStaffId())
                .filter(member -> member.chat().isPresent())
                .ifPresent(member -> {
                    var vars = new java.util.ArrayList<Object>(java.util.List.of("customer", "#" + customerId + " " + customer.name()));
                    answers.forEach((name, value) -> vars.addAll(java.util.List.of(name, Dialogues.display(value))));
                    chat.send(new Outbound.SendText(member.chat().get(), texts.get(shopLanguage, textKey, vars.toArray())));
                });
    }
}
