package app.liuke.conversation;

import app.liuke.customer.Customer;
import app.liuke.customer.CustomerQuery;
import app.liuke.customer.CustomerService;
import app.liuke.tier.Segment;
import java.util.List;
import java.util.Optional;

/**
 * Finds the customer a staff member means: {@code #123} is an id; otherwise a name, a phone number
 * or its last four digits (尾号). More than one match lists them and asks for the id.
 */
final class CustomerLookup {
    private static final int SHOWN = 8;
    private final CustomerService customers;

    CustomerLookup(CustomerService customers) {
        this.customers = customers;
    }

    /** The one customer {@code query} names, or empty after telling the staff member what was found. */
    Optional<Customer> one(Chat chat, String query) {
        String wanted = ChatInput.clean(query, 64);
        if (wanted.isEmpty()) {
            chat.say("staff.customerRequired");
            return Optional.empty();
        }
        if (wanted.matches("[#＃]\\d{1,18}")) {
            Optional<Customer> found = customers.find(chat.handle(), Long.parseLong(wanted.substring(1)));
            if (found.isEmpty()) {
                chat.say("staff.customer.none", "query", wanted);
            }
            return found;
        }
        var page = customers.search(chat.handle(), new CustomerQuery(wanted, null, Segment.everyone(), 1, SHOWN));
        if (page.total() == 1) {
            return Optional.of(page.items().get(0));
        }
        if (page.total() == 0) {
            chat.say("staff.customer.none", "query", wanted);
        } else {
            chat.say("staff.customer.many", "count", page.total(), "list", list(page.items()));
        }
        return Optional.empty();
    }

    private static String list(List<Customer> found) {
        var lines = new StringBuilder();
        for (Customer customer : found) {
            lines.append(lines.length() == 0 ? "" : "\n").append('#').append(customer.id()).append(' ').append(customer.name());
            if (customer.phone() != null) {
                lines.append(" …").append(customer.phone().substring(Math.max(0, customer.phone().length() - 4)));
            }
        }
        return lines.toString();
    }

    /** Splits "CUSTOMER rest of the line" into the customer word and the rest. */
    static String[] split(String args) {
        String trimmed = args.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? new String[] {trimmed, ""} : new String[] {trimmed.substring(0, space), trimmed.substring(space + 1).strip()};
    }
}
