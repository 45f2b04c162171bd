package app.liuke.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code liuke migrate-store}: copies every table of a shop's SQLite file into an empty PostgreSQL
 * database in one transaction (foreign keys checked at the commit), moves the id sequences past the
 * copied ids, then verifies: every table's row count, and checksums of the money columns (purchase
 * amounts, customers' totals, points), read back from PostgreSQL. A target that holds data is refused
 * and nothing is written. Stateless.
 */
public final class StoreCopy {
    private static final int BATCH = 1000;
    /** The money columns whose sums must match, as table → SQL expression. */
    static final Map<String, String> CHECKSUMS = checksums();

    private StoreCopy() {
    }

    private static Map<String, String> checksums() {
        var sums = new LinkedHashMap<String, String>();
        sums.put("purchase.amount_cents", "SELECT COALESCE(sum(amount_cents), 0) FROM purchase");
        sums.put("customer.purchase_total_cents", "SELECT COALESCE(sum(purchase_total_cents), 0) FROM customer");
        sums.put("points_entry.delta", "SELECT COALESCE(sum(delta), 0) FROM points_entry");
        sums.put("customer.points_balance", "SELECT COALESCE(sum(points_balance), 0) FROM customer");
        return sums;
    }

    /** One table's or checksum's figures on both sides. */
    public record Check(String name, long sqlite, long postgres) {
        public boolean ok() {
            return sqlite == postgres;
        }
    }

    public record Report(List<Check> tables, List<Check> checksums) {
        public boolean ok() {
            return tables.stream().allMatch(Check::ok) && checksums.stream().allMatch(Check::ok);
        }
    }

    /** A target that already holds a shop's data. */
    public static final class NotEmpty extends RuntimeException {
        public NotEmpty(String table, long rows) {
            super("the PostgreSQL database is not empty: " + table + " has " + rows + " rows; nothing was copied");
        }
    }

    public static Report copy(Database from, DataSource to) {
        List<String> tables = from.read(handle -> handle.query("""
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flyway%'
                ORDER BY name""", row -> row.getString(1)));
        try (Connection target = to.getConnection()) {
            for (String table : tables) {
                long rows = count(target, table);
                if (rows > 0) {
                    throw new NotEmpty(table, rows);
                }
            }
            target.setAutoCommit(false);
            try {
                target.createStatement().execute("SET CONSTRAINTS ALL DEFERRED");
                for (String table : tables) {
                    copyTable(from, target, table);
                }
                target.commit();
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            }
            target.setAutoCommit(true);
            var tableChecks = new ArrayList<Check>();
            for (String table : tables) {
                tableChecks.add(new Check(table, from.read(handle -> handle.queryLong("SELECT count(*) FROM " + table)), count(target, table)));
            }
            var sums = new ArrayList<Check>();
            for (var sum : CHECKSUMS.entrySet()) {
                sums.add(new Check(sum.getKey(), from.read(handle -> handle.queryLong(sum.getValue())), single(target, sum.getValue())));
            }
            return new Report(tableChecks, sums);
        } catch (SQLException e) {
            throw new DataException("copying into PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private static void copyTable(Database from, Connection target, String table) throws SQLException {
        List<String> columns = from.read(handle -> handle.query("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid",
                row -> row.getString(1)));
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
        try (PreparedStatement statement = target.prepareStatement(insert)) {
            int[] added = {0};
            from.read(handle -> {
                handle.query("SELECT " + String.join(", ", columns) + " FROM " + table, row -> {
                    add(statement, row, columns.size(), ++added[0]);
                    return null;
                });
                return null;
            });
            statement.executeBatch();
        }
        boolean identity = false;
        if (columns.contains("id")) {   // a text id (offer, web_session) has no sequence: NULL here
            try (ResultSet sequence = target.createStatement().executeQuery(
                    "SELECT pg_get_serial_sequence('" + table + "', 'id') IS NOT NULL")) {
                identity = sequence.next() && sequence.getBoolean(1);
            }
        }
        if (identity) {
            target.createStatement().execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'),"
                    + " GREATEST((SELECT COALESCE(max(id), 0) FROM " + table + "), 1), (SELECT count(*) > 0 FROM " + table + "))");
        }
    }

    private static void add(PreparedStatement statement, ResultSet row, int columns, int added) throws SQLException {
        for (int i = 1; i <= columns; i++) {
            statement.setObject(i, row.getObject(i));
        }
        statement.addBatch();
        if (added % BATCH == 0) {
            statement.executeBatch();
        }
    }

    private static long count(Connection target, String table) throws SQLException {
        return single(target, "SELECT count(*) FROM " + table);
    }

    private static long single(Connection target, String sql) throws SQLException {
        try (ResultSet result = target.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
