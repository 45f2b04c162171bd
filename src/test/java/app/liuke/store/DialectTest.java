package app.liuke.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DialectTest {
    private static String pg(String sql) {
        return Dialect.POSTGRES.translate(sql);
    }

    @Test
    void sqliteKeepsItsOwnWords() {
        String sql = "INSERT OR IGNORE INTO t (a) VALUES (max(1, 2))";
        assertSame(sql, Dialect.SQLITE.translate(sql));
    }

    @Test
    void scalarMaxAndMin_becomeGreatestAndLeast_aggregatesStay() {
        assertEquals("SELECT greatest(COALESCE(a, 0), :at), max(b), least(x, least(y, z)) FROM t",
                pg("SELECT max(COALESCE(a, 0), :at), max(b), min(x, min(y, z)) FROM t"));
    }

    @Test
    void insertOrIgnore_becomesOnConflictDoNothing() {
        assertEquals("INSERT INTO tag (id, tag) SELECT :kept, tag FROM tag WHERE id = :gone ON CONFLICT DO NOTHING",
                pg("INSERT OR IGNORE INTO tag (id, tag) SELECT :kept, tag FROM tag WHERE id = :gone"));
    }

    @Test
    void stringFunctions() {
        assertEquals("SELECT right(c.phone, 4), strpos(k, '#'), a || chr(31) || b, string_agg(tag, chr(10)), substr('CBA', CAST( r AS INTEGER), CAST( 1 AS INTEGER))",
                pg("SELECT substr(c.phone, -4), instr(k, '#'), a || char(31) || b, group_concat(tag, char(10)), substr('CBA', r, 1)"));
        assertEquals("SELECT to_char(to_timestamp( t + :off) AT TIME ZONE 'UTC', 'YYYY-MM')",
                pg("SELECT strftime('%Y-%m', t + :off, 'unixepoch')"));
    }

    @Test
    void isBetweenValues_andLike() {
        assertEquals("WHERE a IS DISTINCT FROM b OR c IS NOT NULL OR d IS NULL OR e IS NOT DISTINCT FROM f AND g ILIKE 'x%' AND h NOT ILIKE :p",
                pg("WHERE a IS NOT b OR c IS NOT NULL OR d IS NULL OR e IS f AND g LIKE 'x%' AND h NOT LIKE :p"));
    }

    @Test
    void quotedTextIsNeverTouched() {
        assertEquals("SELECT 'max(1, 2) IS NOT LIKE' AS \"min(a, b)\"", pg("SELECT 'max(1, 2) IS NOT LIKE' AS \"min(a, b)\""));
    }

    @Test
    void sumsOfConditions_countOnes_sumsOfNumbersStay() {
        assertEquals("SELECT sum(CASE WHEN score >= 9 THEN 1 ELSE 0 END), sum(amount_cents), sum(CASE WHEN x = 1 THEN 1 ELSE 0 END), sum(CASE WHEN a > 1 THEN 2 ELSE 0 END)",
                pg("SELECT sum(score >= 9), sum(amount_cents), sum(x = 1), sum(CASE WHEN a > 1 THEN 2 ELSE 0 END)"));
        assertEquals("SELECT value FROM (SELECT CAST(value AS BIGINT) AS value FROM json_array_elements_text(CAST(:ids AS json))) AS json_each WHERE 1 = 1",
                pg("SELECT value FROM json_each(:ids) WHERE 1 = 1"));
    }

    @Test
    void globs_becomeAnchoredRegularExpressions() {
        assertEquals("WHERE o ~ '^purchase-[0-9].*$' AND p ~ '^a\\.b.$'", pg("WHERE o GLOB 'purchase-[0-9]*' AND p GLOB 'a.b?'"));
    }
}
