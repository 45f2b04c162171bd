package app.liuke.customer;

import app.liuke.shared.Page;
import app.liuke.store.Handle;
import java.util.ArrayList;
import java.util.List;

/** Finds customers by name, phone digits or tag, a page at a time. Thread-safe. */
final class CustomerSearch {
    private final PhoneNumbers phones;

    CustomerSearch(PhoneNumbers phones) {
        this.phones = phones;
    }

    Page<Customer> search(Handle handle, CustomerQuery query) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (query.text() != null) {
            String digits = query.text().replaceAll("[\\s+\\-()]", "");
            if (digits.matches("\\d{3,}")) {
                phoneCondition(digits, where, params);
            } else {
                where.append(" AND (c.name LIKE :like ESCAPE '\\'"
                        + " OR c.id IN (SELECT customer_id FROM customer_tag WHERE tag = :exact))");
                params.addAll(List.of("like", "%" + escapeLike(query.text()) + "%", "exact", query.text()));
            }
        }
        if (query.tag() != null) {
            where.append(" AND c.id IN (SELECT customer_id FROM customer_tag WHERE tag = :tag)");
            params.addAll(List.of("tag", query.tag()));
        }
        where.append(" AND ").append(query.segment().where());
        params.addAll(query.segment().parameters());
        Object[] countParams = params.toArray();
        long total = handle.queryLong("SELECT count(*) FROM customer c" + where, countParams);
        params.addAll(List.of("limit", query.size(), "offset", (long) (query.page() - 1) * query.size()));
        var items = handle.query(CustomerStore.SELECT + where + " ORDER BY c.id LIMIT :limit OFFSET :offset",
                CustomerStore.LIST_ROW, params.toArray());
        return new Page<>(items, query.page(), query.size(), total);
    }

    /**
     * Digits search the phone: four digits are the last four (尾号, an index seek), a whole number is
     * an exact match (normalised, an index seek), anything else a substring of the number.
     */
    private void phoneCondition(String digits, StringBuilder where, List<Object> params) {
        if (digits.length() == 4) {
            where.append(" AND substr(c.phone, -4) = :tail");
            params.addAll(List.of("tail", digits));
            return;
        }
        String whole = wholeNumber(digits);
        if (whole != null) {
            where.append(" AND c.phone = :phone");
            params.addAll(List.of("phone", whole));
            return;
        }
        where.append(" AND c.phone LIKE :phoneLike");
        params.addAll(List.of("phoneLike", "%" + digits + "%"));
    }

    private String wholeNumber(String digits) {
        if (digits.length() < 7) {
            return null;
        }
        try {
            return phones.normalize(digits);
        } catch (app.liuke.shared.InvalidInput notAWholeNumber) {
            return null;
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
