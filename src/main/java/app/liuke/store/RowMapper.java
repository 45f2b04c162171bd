package app.liuke.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the current row of a result set; one small mapper per table. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
}
