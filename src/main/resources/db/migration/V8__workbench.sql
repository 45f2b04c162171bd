-- The staff workbench: when each customer was last followed up (kept by triggers, so every path that
-- writes a follow-up, a merge included, keeps it right), the day's tier x stage counts for the
-- distribution over time, and which reminder or digest went out on which day.

ALTER TABLE customer ADD COLUMN last_follow_up_at INTEGER;
UPDATE customer SET last_follow_up_at = (SELECT max(f.happened_at) FROM follow_up f WHERE f.customer_id = customer.id);

CREATE TRIGGER follow_up_sets_last AFTER INSERT ON follow_up
BEGIN
    UPDATE customer SET last_follow_up_at = max(coalesce(last_follow_up_at, 0), NEW.happened_at) WHERE id = NEW.customer_id;
END;

CREATE TRIGGER follow_up_moves_last AFTER UPDATE OF customer_id ON follow_up
BEGIN
    UPDATE customer SET last_follow_up_at = max(coalesce(last_follow_up_at, 0), NEW.happened_at) WHERE id = NEW.customer_id;
END;

CREATE INDEX customer_owner_follow_up ON customer (owner_staff_id, last_follow_up_at);

-- One row per shop day, tier and stage: how many customers were there (written by the daily sweep).
CREATE TABLE classification_snapshot (
    day       TEXT    NOT NULL,
    tier      TEXT    NOT NULL,
    stage     TEXT    NOT NULL,
    customers INTEGER NOT NULL,
    PRIMARY KEY (day, tier, stage)
);
