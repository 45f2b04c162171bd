package app.liuke.report;

import app.liuke.store.Handle;
import app.liuke.survey.Scores;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Satisfaction and reactivation by a {@link Dimension}. An answer counts on the day it was given, for the
 * store and staff member of the survey (those of the purchase it asked about, else the customer's owner),
 * for that staff member's group (else the customer's), and, for the survey after a purchase, for each
 * item bought. A reactivation counts on the day it started, for the customer's owner and their group;
 * it belongs to no store or product. Used once, in the caller's read transaction.
 */
final class ServiceFigures {
    private static final String ANSWERS = """
            SELECT a.answered_at, r.customer_id, a.score, r.staff_id, r.store, %s AS items, a.kind
            FROM survey_answer a JOIN survey_response r ON r.id = a.response_id %s
            WHERE a.kind IN ('csat', 'nps') AND a.score IS NOT NULL AND a.answered_at >= :from AND a.answered_at < :to""";
    private static final String PURCHASE_ASKED_ABOUT = """
            LEFT JOIN purchase p
              ON p.id = CASE WHEN r.occurrence GLOB 'purchase-[0-9]*' THEN CAST(substr(r.occurrence, 10) AS INTEGER) END""";
    private static final String REACTIVATIONS = """
            SELECT r.started_at, r.customer_id,
                   EXISTS (SELECT 1 FROM purchase p WHERE p.customer_id = r.customer_id AND p.purchased_at >= r.started_at),
                   c.owner_staff_id, NULL, NULL
            FROM reactivation r JOIN customer c ON c.id = r.customer_id
            WHERE r.started_at >= :from AND r.started_at < :to""";
    /** Per key: csat answers, csat sum, nps answers, promoters, detractors, reactivations, came back. */
    private static final int CSAT = 0, CSAT_SUM = 1, NPS = 2, PROMOTERS = 3, DETRACTORS = 4, STARTED = 5, BACK = 6;

    private final KeyIndex index = new KeyIndex(7);

    private ServiceFigures() {
    }

    static List<ServiceRow> run(Handle handle, long from, long to, Dimension by, SalesKeys keys) {
        var figures = new ServiceFigures();
        boolean items = keys.needsItems();
        handle.stream(ANSWERS.formatted(items ? "p.items" : "NULL", items ? PURCHASE_ASKED_ABOUT : ""), row -> {
            figures.answer(row, keys);
            return Boolean.TRUE;
        }, ignored -> { }, "from", from, "to", to);
        boolean reactivations = by != Dimension.STORE && by != Dimension.PRODUCT;
        if (reactivations) {
            handle.stream(REACTIVATIONS, row -> {
                figures.reactivation(row, keys);
                return Boolean.TRUE;
            }, ignored -> { }, "from", from, "to", to);
        }
        return figures.rows(reactivations);
    }

    private void answer(ResultSet row, SalesKeys keys) throws SQLException {
        int score = row.getInt(3);
        boolean csat = "csat".equals(row.getString(7));
        for (int key : keys.of(row, index)) {
            long[] s = index.figures(key);
            if (csat) {
                s[CSAT]++;
                s[CSAT_SUM] += score;
            } else {
                s[NPS]++;
                s[PROMOTERS] += score >= 9 ? 1 : 0;
                s[DETRACTORS] += score <= 6 ? 1 : 0;
            }
        }
    }

    private void reactivation(ResultSet row, SalesKeys keys) throws SQLException {
        boolean back = row.getInt(3) == 1;
        for (int key : keys.of(row, index)) {
            long[] s = index.figures(key);
            s[STARTED]++;
            s[BACK] += back ? 1 : 0;
        }
    }

    private List<ServiceRow> rows(boolean reactivations) {
        var rows = new ArrayList<ServiceRow>();
        for (int k = 0; k < index.size(); k++) {
            long[] s = index.figures(k);
            rows.add(new ServiceRow(index.name(k), s[CSAT], Scores.csat(s[CSAT], s[CSAT] == 0 ? 0 : (double) s[CSAT_SUM] / s[CSAT]),
                    s[NPS], Scores.nps(s[NPS], s[PROMOTERS], s[DETRACTORS]), reactivations ? s[STARTED] : null,
                    reactivations ? s[BACK] : null, reactivations ? Scores.cameBack(s[STARTED], s[BACK]) : null));
        }
        rows.sort(Comparator.comparing(ServiceRow::key));
        return rows;
    }
}
