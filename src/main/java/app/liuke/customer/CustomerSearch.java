package app.liuke.customer;

import app.liuke.shared.Page;
import app.liuke.store.Handle;
import java.util.ArrayList;
import java.util.List;

/** Finds customers by name, phone digits or tag, a page at a time. Stateless. */
final class CustomerSearch {

    Page<Customer> search(Handle handle, CustomerQuery query) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (query.text() != null) {
            String digits = query.text().replaceAll("[\\s+\\-()]", "");
            where.append(" AND (c.name LIKE :like ESCAPE '\\'"
                    + " OR c.id IN (SELECT customer_id FROM customer_tag WHERE tag = :exact)");
            if (digits.matches("\\d{3,}")) {
                where.append(" OR c.phone LIKE :phoneLike");
                params.addAll(List.of("phoneLike", "%" + digits + "%"));
            }
            where.append(")");
            params.addAll(List.of("like", "%" + escapeLike(query.text()) + "%", "exact", query.text()));
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

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
