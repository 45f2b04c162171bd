package app.liuke.survey;

import app.liuke.store.Handle;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A survey's results over the responses that match a filter (sent in a period, for a store, for a
 * staff member): how many were sent, finished, lapsed and still open, and per question the answer
 * counts, the CSAT average, the NPS (share of promoters 9–10 minus share of detractors 0–6, from
 * −100 to 100) and the free-text answers.
 */
public record SurveyResults(String survey, String title, long sent, long completed, long expired, long open,
                            List<QuestionResult> questions) {

    /** Which responses count: sent in [{@code from}, {@code to}), for a store and a staff member (null: any). */
    public record Filter(Instant from, Instant to, String store, Long staffId) {
    }

    public record TextAnswer(long customerId, String customerName, String text, Instant at) {
    }

    public record QuestionResult(String id, String kind, String text, long answered, long skipped, BigDecimal average,
                                 Map<String, Long> counts, Integer nps, List<TextAnswer> texts) {
    }

    public static SurveyResults of(Handle handle, Survey survey, String language, Filter filter) {
        String where = " WHERE r.survey = :survey AND r.invited_at >= :from AND r.invited_at < :to"
                + " AND (CAST(:store AS TEXT) IS NULL OR r.store = :store) AND (CAST(:staff AS BIGINT) IS NULL OR r.staff_id = :staff)";
        Object[] params = {"survey", survey.id(), "from", filter.from().getEpochSecond(), "to", filter.to().getEpochSecond(),
                "store", filter.store(), "staff", filter.staffId()};
        var status = new LinkedHashMap<String, Long>();
        handle.query("SELECT r.status, count(*) FROM survey_response r" + where + " GROUP BY r.status",
                row -> status.put(row.getString(1), row.getLong(2)), params);
        var results = new ArrayList<QuestionResult>();
        for (Question question : survey.questions()) {
            results.add(question(handle, question, language, where, params));
        }
        long completed = status.getOrDefault("completed", 0L);
        long expired = status.getOrDefault("expired", 0L);
        long open = status.getOrDefault("open", 0L);
        return new SurveyResults(survey.id(), survey.title().in(language), completed + expired + open, completed, expired,
                open, results);
    }

    private static QuestionResult question(Handle handle, Question question, String language, String where, Object[] params) {
        Object[] all = java.util.Arrays.copyOf(params, params.length + 2);
        all[params.length] = "question";
        all[params.length + 1] = question.id();
        String joins = " FROM survey_answer a JOIN survey_response r ON r.id = a.response_id";
        String from = joins + where + " AND a.question = :question";
        long skipped = handle.queryLong("SELECT count(*)" + from + " AND a.score IS NULL AND a.choice IS NULL AND a.text IS NULL", all);
        var counts = new LinkedHashMap<String, Long>();
        var texts = new ArrayList<TextAnswer>();
        BigDecimal average = null;
        Integer nps = null;
        long answered = 0;
        switch (question.kind()) {
            case CSAT, NPS -> {
                for (int score = question.minScore(); score <= question.maxScore(); score++) {
                    counts.put(String.valueOf(score), 0L);
                }
                handle.query("SELECT a.score, count(*)" + from + " AND a.score IS NOT NULL GROUP BY a.score",
                        row -> counts.put(String.valueOf(row.getInt(1)), row.getLong(2)), all);
                long sum = 0;
                long promoters = 0;
                long detractors = 0;
                for (var entry : counts.entrySet()) {
                    int score = Integer.parseInt(entry.getKey());
                    answered += entry.getValue();
                    sum += score * entry.getValue();
                    promoters += score >= 9 ? entry.getValue() : 0;
                    detractors += score <= 6 ? entry.getValue() : 0;
                }
                if (answered > 0 && question.kind() == Question.Kind.CSAT) {
                    average = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(answered), 2, RoundingMode.HALF_UP);
                }
                if (answered > 0 && question.kind() == Question.Kind.NPS) {
                    nps = Scores.nps(answered, promoters, detractors);
                }
            }
            case CHOICE -> {
                question.options().forEach(option -> counts.put(option.id(), 0L));
                handle.query("SELECT a.choice, count(*)" + from + " AND a.choice IS NOT NULL GROUP BY a.choice",
                        row -> counts.put(row.getString(1), row.getLong(2)), all);
                answered = counts.values().stream().mapToLong(Long::longValue).sum();
            }
            case TEXT -> {
                handle.query("SELECT r.customer_id, c.name, a.text, a.answered_at" + joins + " JOIN customer c ON c.id = r.customer_id"
                                + where + " AND a.question = :question AND a.text IS NOT NULL ORDER BY a.answered_at DESC LIMIT 500",
                        row -> texts.add(new TextAnswer(row.getLong(1), row.getString(2), row.getString(3),
                                Instant.ofEpochSecond(row.getLong(4)))), all);
                answered = handle.queryLong("SELECT count(*)" + from + " AND a.text IS NOT NULL", all);
            }
        }
        return new QuestionResult(question.id(), question.kind().name().toLowerCase(java.util.Locale.ROOT),
                question.text().in(language), answered, skipped, average, counts, nps, texts);
    }
}
