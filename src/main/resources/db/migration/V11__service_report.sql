-- The summary, the CSAT/NPS trend and the service report read the survey answers given in a period,
-- and the reactivations started in it: by time, not by customer.
CREATE INDEX survey_answer_time ON survey_answer (answered_at);
CREATE INDEX reactivation_started ON reactivation (started_at);
