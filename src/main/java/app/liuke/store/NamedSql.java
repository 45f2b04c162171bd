package app.liuke.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL with {@code :name} parameters, rewritten to JDBC {@code ?} placeholders.
 * Immutable and thread-safe; parsed statements are cached.
 */
record NamedSql(String jdbcSql, List<String> parameterNames) {
    private static final Map<String, NamedSql> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, NamedSql> POSTGRES_CACHE = new ConcurrentHashMap<>();

    NamedSql {
        parameterNames = List.copyOf(parameterNames);
    }

    static NamedSql parse(String sql) {
        return CACHE.computeIfAbsent(sql, NamedSql::doParse);
    }

    /** {@code sql} in {@code dialect}'s words ({@link Dialect#translate}), parsed. */
    static NamedSql parse(Dialect dialect, String sql) {
        return dialect == Dialect.SQLITE ? parse(sql)
                : POSTGRES_CACHE.computeIfAbsent(sql, text -> doParse(dialect.translate(text)));
    }

    private static NamedSql doParse(String sql) {
        var out = new StringBuilder(sql.length());
        var names = new ArrayList<String>();
        boolean inQuote = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                inQuote = !inQuote;
            }
            boolean startsName = !inQuote && c == ':' && i + 1 < sql.length()
                    && Character.isJavaIdentifierStart(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':');
            if (!startsName) {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                end++;
            }
            names.add(sql.substring(i + 1, end));
            out.append('?');
            i = end - 1;
        }
        return new NamedSql(out.toString(), names);
    }
}
