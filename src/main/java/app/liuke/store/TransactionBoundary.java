package app.liuke.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConnection;

/**
 * Opens and ends a write transaction on a pooled connection.
 *
 * <p>On PostgreSQL through JDBC's auto-commit switch. On SQLite directly: sqlite-jdbc's
 * {@code commit()} starts the next transaction at once ({@code BEGIN IMMEDIATE}, which takes the write
 * lock again), and switching auto-commit back on then commits that empty transaction, so every
 * transaction paid for two more lock round trips (about 5 % of {@code liuke simulate}'s year, most of
 * it one commit per delivered message). Here {@code BEGIN IMMEDIATE} and {@code COMMIT} run once each,
 * and the driver is told it is inside a transaction for the statements in between, so it does not try
 * to end them itself.
 */
final class TransactionBoundary {
    private TransactionBoundary() {
    }

    static void begin(Connection connection, Dialect dialect) throws SQLException {
        if (dialect != Dialect.SQLITE) {
            connection.setAutoCommit(false);
            return;
        }
        var sqlite = connection.unwrap(SQLiteConnection.class);
        sqlite.getDatabase().exec("BEGIN IMMEDIATE", false);
        sqlite.getConnectionConfig().setAutoCommit(false);
    }

    static void commit(Connection connection, Dialect dialect) throws SQLException {
        if (dialect != Dialect.SQLITE) {
            connection.commit();
            return;
        }
        connection.unwrap(SQLiteConnection.class).getDatabase().exec("COMMIT", false);
    }

    /** Rolls back; a SQLite that already rolled back by itself (after an I/O error, say) is not an error. */
    static void rollback(Connection connection, Dialect dialect) throws SQLException {
        if (dialect != Dialect.SQLITE) {
            connection.rollback();
            return;
        }
        var sqlite = connection.unwrap(SQLiteConnection.class);
        try {
            sqlite.getDatabase().exec("ROLLBACK", false);
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                throw e;
            }
        }
    }

    /** Puts the connection back into auto-commit, as the pool hands it out. */
    static void end(Connection connection, Dialect dialect) throws SQLException {
        if (dialect != Dialect.SQLITE) {
            connection.setAutoCommit(true);
            return;
        }
        connection.unwrap(SQLiteConnection.class).getConnectionConfig().setAutoCommit(true);
    }
}
