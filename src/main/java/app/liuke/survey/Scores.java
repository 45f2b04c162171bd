package app.liuke.survey;

/**
 * The two satisfaction figures, worked out the same way everywhere: CSAT is the average score (1–5) to
 * two decimals; NPS is promoters (9–10) minus detractors (0–6), in whole points of all answers. Both are
 * null when nobody answered.
 */
public final class Scores {
    private Scores() {
    }

    public static Double csat(long answers, double average) {
        return answers == 0 ? null : Math.round(average * 100) / 100.0;
    }

    public static Integer nps(long answers, long promoters, long detractors) {
        return answers == 0 ? null : (int) Math.round(100.0 * (promoters - detractors) / answers);
    }

    /** The share of customers in a reactivation sequence who came back, to three decimals. */
    public static Double cameBack(long started, long back) {
        return started == 0 ? null : Math.round(1000.0 * back / started) / 1000.0;
    }
}
