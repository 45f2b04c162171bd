package app.liuke.report;

import java.time.LocalDate;
import java.util.Map;

/**
 * The overview of a period: its sales (with registration and repurchase rates), new customers,
 * follow-ups logged, CSAT (average 1–5) and NPS (promoters 9–10 minus detractors 0–6, in points) of the
 * answers given in it; and, as of {@code asOf}, all customers by tier and stage.
 */
public record Summary(LocalDate from, LocalDate to, SalesRow sales, long newCustomers, long followUps, long csatAnswers,
                      Double csat, long npsAnswers, Integer nps, long customers, Map<String, Map<String, Long>> tierByStage,
                      LocalDate asOf) {
}
