package app.liuke.report;

/**
 * One line of the service report: CSAT (average 1–5) and NPS (promoters 9–10 minus detractors 0–6, in
 * points) of the answers given in the period, and the reactivation sequences started in it with how
 * many of those customers have bought since. A figure is null where there is nothing to average; the
 * reactivation counts are null where the key does not apply to them (store, product).
 */
public record ServiceRow(String key, long csatAnswers, Double csat, long npsAnswers, Integer nps, Long reactivations,
                         Long cameBack, Double reactivationRate) {
}
