package app.liuke.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * PostgreSQL answers a condition in a SELECT ({@code a > b AS late}) as a boolean, where SQLite
 * answers 0 or 1; the code reads such columns with {@code getInt} and {@code getLong}. This view of a
 * PostgreSQL result set reads a boolean column as 1 or 0 there, and leaves every other call alone.
 */
final class BooleanColumns implements InvocationHandler {
    private final ResultSet rows;
    private Boolean[] booleans;

    private BooleanColumns(ResultSet rows) {
        this.rows = rows;
    }

    static ResultSet wrap(ResultSet rows) {
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                new BooleanColumns(rows));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (args != null && args.length == 1 && (name.equals("getInt") || name.equals("getLong"))) {
            int column = args[0] instanceof String label ? rows.findColumn(label) : (Integer) args[0];
            if (isBoolean(column)) {
                boolean value = rows.getBoolean(column);
                return name.equals("getInt") ? (Object) (value ? 1 : 0) : (Object) (value ? 1L : 0L);
            }
        }
        try {
            return method.invoke(rows, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private boolean isBoolean(int column) throws SQLException {
        if (booleans == null) {
            booleans = new Boolean[rows.getMetaData().getColumnCount() + 1];
        }
        if (booleans[column] == null) {
            int type = rows.getMetaData().getColumnType(column);
            booleans[column] = type == Types.BOOLEAN || type == Types.BIT;
        }
        return booleans[column];
    }
}
