package app.liuke.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the current row of a result set; one small mapper per table. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;

    /** The column as a Long, or null when it is NULL. */
    static Long longOrNull(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static Long longOrNull(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static Integer intOrNull(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    static Integer intOrNull(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
