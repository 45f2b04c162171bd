package app.liuke.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two SQL engines Liuke runs on (issue #18). The code's SQL is written once, in SQLite's words;
 * for PostgreSQL each text is rewritten once (and cached with its statement) into PostgreSQL's:
 * <ul>
 *   <li>{@code INSERT OR IGNORE} becomes {@code INSERT … ON CONFLICT DO NOTHING};</li>
 *   <li>scalar {@code max(a, b)} / {@code min(a, b)} become {@code greatest} / {@code least} (the code
 *       passes them no NULLs, where the two engines would differ);</li>
 *   <li>{@code instr} becomes {@code strpos}, {@code char(n)} {@code chr(n)}, {@code group_concat}
 *       {@code string_agg}, {@code substr(x, -n)} {@code right(x, n)} (the phone-tail index is on
 *       that expression in both engines);</li>
 *   <li>{@code strftime('%Y-%m', t, 'unixepoch')} becomes {@code to_char} of the UTC time;</li>
 *   <li>{@code a IS b} / {@code a IS NOT b} between values become {@code IS [NOT] DISTINCT FROM};</li>
 *   <li>{@code LIKE} becomes {@code ILIKE}: SQLite's LIKE ignores the case of Latin letters;</li>
 *   <li>{@code rowid}, used only to keep rows of an insert-only table in the order they came, becomes
 *       {@code ctid}, which keeps that order there;</li>
 *   <li>{@code x GLOB 'pattern'} becomes a regular-expression match {@code x ~ '^…$'};</li>
 *   <li>{@code sum(condition)} counts with {@code CASE WHEN … THEN 1 ELSE 0 END}, and
 *       {@code json_each(:ids)}, a JSON array of whole numbers, becomes a table of {@code value}s.</li>
 * </ul>
 * Text inside quotes is never touched. Immutable and thread-safe.
 */
public enum Dialect {
    SQLITE, POSTGRES;

    private static final Pattern INSERT_OR_IGNORE = Pattern.compile("(?i)\\bINSERT\\s+OR\\s+IGNORE\\s+INTO\\b");
    private static final Pattern IS_NOT_VALUE = Pattern.compile("(?i)\\bIS\\s+NOT\\s+(?!NULL\\b|TRUE\\b|FALSE\\b|DISTINCT\\b)");
    private static final Pattern IS_VALUE = Pattern.compile("(?i)\\bIS\\s+(?!NOT\\b|NULL\\b|TRUE\\b|FALSE\\b|DISTINCT\\b)");
    private static final Pattern GLOB = Pattern.compile("(?i)\\bGLOB\\s+'([^']*)'");
    private static final Pattern ROWID = Pattern.compile("(?i)(?<![A-Za-z_:.])rowid\\b");
    private static final Pattern LIKE = Pattern.compile("(?i)(?<![A-Za-z_:])LIKE\\b");
    private static final Pattern CALL = Pattern.compile("(?i)(?<![A-Za-z0-9_.])(max|min|sum|instr|char|group_concat|substr|strftime|json_each)\\s*\\(");
    private static final Pattern COMPARISON = Pattern.compile("(?i)(<=|>=|<>|!=|=|<|>|\\bIS\\b|\\bLIKE\\b|\\bIN\\b|\\bAND\\b|\\bOR\\b)");

    /** {@code sql} in this engine's words. */
    public String translate(String sql) {
        if (this == SQLITE) {
            return sql;
        }
        return toPostgres(sql);
    }

    /** Rewrites SQLite's words to PostgreSQL's in a whole statement (the parts outside quotes). */
    static String toPostgres(String sql) {
        String out = globs(rewriteCalls(sql));
        out = outsideQuotes(out, part -> {
            String p = IS_NOT_VALUE.matcher(part).replaceAll("IS DISTINCT FROM ");
            p = IS_VALUE.matcher(p).replaceAll("IS NOT DISTINCT FROM ");
            p = ROWID.matcher(p).replaceAll("ctid");
            return LIKE.matcher(p).replaceAll("ILIKE");
        });
        Matcher ignore = INSERT_OR_IGNORE.matcher(out);
        if (ignore.find()) {
            String rest = ignore.replaceFirst("INSERT INTO").stripTrailing();
            if (rest.endsWith(";")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            out = rest + " ON CONFLICT DO NOTHING";
        }
        return out;
    }

    /** {@code x GLOB 'purchase-[0-9]*'} becomes {@code x ~ '^purchase-[0-9].*$'}. */
    private static String globs(String sql) {
        return GLOB.matcher(sql).replaceAll(match -> {
            var regex = new StringBuilder("^");
            for (char c : match.group(1).toCharArray()) {
                regex.append(switch (c) {
                    case '*' -> ".*";
                    case '?' -> ".";
                    case '.', '+', '(', ')', '^', '$', '{', '}', '|', '\\' -> "\\" + c;
                    default -> String.valueOf(c);
                });
            }
            return Matcher.quoteReplacement("~ '" + regex + "$'");
        });
    }

    /** Applies {@code change} to the text between quoted literals and identifiers. */
    private static String outsideQuotes(String sql, Function<String, String> change) {
        var out = new StringBuilder(sql.length());
        int start = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                out.append(change.apply(sql.substring(start, i)));
                int end = closingQuote(sql, i);
                out.append(sql, i, end);
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        out.append(change.apply(sql.substring(start)));
        return out.toString();
    }

    private static int closingQuote(String sql, int open) {
        char quote = sql.charAt(open);
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** Rewrites the SQLite-only function calls, innermost arguments first. */
    private static String rewriteCalls(String sql) {
        var out = new StringBuilder(sql.length());
        int from = 0;
        Matcher call = CALL.matcher(sql);
        while (from < sql.length() && call.find(from)) {
            if (insideQuotes(sql, call.start())) {
                out.append(sql, from, call.end());
                from = call.end();
                continue;
            }
            int open = call.end() - 1;
            int close = closingParen(sql, open);
            if (close < 0) {
                break;
            }
            List<String> args = splitArguments(sql.substring(open + 1, close));
            args.replaceAll(Dialect::rewriteCalls);
            out.append(sql, from, call.start()).append(rewrite(call.group(1).toLowerCase(Locale.ROOT), args));
            from = close + 1;
        }
        out.append(sql.substring(Math.min(from, sql.length())));
        return out.toString();
    }

    private static String rewrite(String name, List<String> args) {
        String joined = String.join(",", args);
        return switch (name) {
            case "max" -> (args.size() > 1 ? "greatest(" : "max(") + joined + ")";
            case "min" -> (args.size() > 1 ? "least(" : "min(") + joined + ")";
            case "sum" -> args.size() == 1 && isCondition(args.get(0))
                    ? "sum(CASE WHEN " + args.get(0) + " THEN 1 ELSE 0 END)" : "sum(" + joined + ")";
            case "json_each" -> "(SELECT CAST(value AS BIGINT) AS value FROM json_array_elements_text(CAST(" + joined
                    + " AS json))) AS json_each";
            case "instr" -> "strpos(" + joined + ")";
            case "char" -> "chr(" + joined + ")";
            case "group_concat" -> "string_agg(" + args.get(0) + (args.size() > 1 ? "," + args.get(1) : ", ','") + ")";
            case "substr" -> args.size() == 2 && args.get(1).strip().startsWith("-")
                    ? "right(" + args.get(0) + ", " + args.get(1).strip().substring(1) + ")"
                    : "substr(" + args.get(0) + ", CAST(" + args.get(1) + " AS INTEGER)"
                            + (args.size() > 2 ? ", CAST(" + args.get(2) + " AS INTEGER)" : "") + ")";
            case "strftime" -> strftime(args);
            default -> throw new IllegalStateException(name);
        };
    }

    /** True when {@code expression} is a condition (SQLite sums conditions as 0 and 1; PostgreSQL sums numbers). */
    private static boolean isCondition(String expression) {
        String top = expression.strip();
        if (top.regionMatches(true, 0, "CASE", 0, 4)) {
            return false;
        }
        var depthZero = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < top.length(); i++) {
            char c = top.charAt(i);
            if (c == '\'') {
                int end = closingQuote(top, i);
                i = end - 1;
                depthZero.append(' ');
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0) {
                depthZero.append(c);
            }
        }
        return COMPARISON.matcher(depthZero).find();
    }

    /** {@code strftime('%Y-%m', t, 'unixepoch')}, the one form the code uses: the month of a UTC time. */
    private static String strftime(List<String> args) {
        if (args.size() != 3 || !args.get(0).strip().equals("'%Y-%m'") || !args.get(2).strip().equals("'unixepoch'")) {
            throw new IllegalArgumentException("no PostgreSQL form for strftime(" + String.join(",", args) + ")");
        }
        return "to_char(to_timestamp(" + args.get(1) + ") AT TIME ZONE 'UTC', 'YYYY-MM')";
    }

    private static boolean insideQuotes(String sql, int position) {
        int i = 0;
        while (i < position) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(sql, i);
                if (position < end) {
                    return true;
                }
                i = end;
            } else {
                i++;
            }
        }
        return false;
    }

    private static int closingParen(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = closingQuote(sql, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static List<String> splitArguments(String inside) {
        var args = new ArrayList<String>();
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < inside.length()) {
            char c = inside.charAt(i);
            if (c == '\'' || c == '"') {
                i = closingQuote(inside, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(inside.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        args.add(inside.substring(start));
        return args;
    }
}
