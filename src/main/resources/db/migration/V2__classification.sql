-- Classification (issue #3): value tier, lifecycle stage, RFM, points, and the history of changes.
-- Reason codes and their arguments (separated by char(31)) are rendered in the shop's language.

ALTER TABLE customer ADD COLUMN tier TEXT NOT NULL DEFAULT 'C' CHECK (tier IN ('A', 'B', 'C'));
ALTER TABLE customer ADD COLUMN tier_reason TEXT;
ALTER TABLE customer ADD COLUMN tier_reason_args TEXT;
ALTER TABLE customer ADD COLUMN tier_since INTEGER;
ALTER TABLE customer ADD COLUMN tier_override TEXT CHECK (tier_override IN ('A', 'B', 'C'));
ALTER TABLE customer ADD COLUMN tier_override_by TEXT;
ALTER TABLE customer ADD COLUMN tier_override_reason TEXT;
ALTER TABLE customer ADD COLUMN tier_override_until INTEGER;
ALTER TABLE customer ADD COLUMN tier_drop_at INTEGER;
ALTER TABLE customer ADD COLUMN tier_drop_to TEXT;
ALTER TABLE customer ADD COLUMN tier_drop_reason TEXT;
ALTER TABLE customer ADD COLUMN stage TEXT NOT NULL DEFAULT 'potential'
    CHECK (stage IN ('potential', 'new', 'repeat', 'loyal', 'dormant', 'churned'));
ALTER TABLE customer ADD COLUMN stage_since INTEGER;
ALTER TABLE customer ADD COLUMN points_balance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customer ADD COLUMN rfm_r INTEGER;
ALTER TABLE customer ADD COLUMN rfm_f INTEGER;
ALTER TABLE customer ADD COLUMN rfm_m INTEGER;
ALTER TABLE customer ADD COLUMN last_visit_at INTEGER;
ALTER TABLE customer ADD COLUMN last_group_activity_at INTEGER;

CREATE INDEX customer_tier_stage ON customer (tier, stage);
CREATE INDEX customer_tier_drop ON customer (tier_drop_at);

-- The points ledger: the balance is the sum of delta; every entry says why.
CREATE TABLE points_entry (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    delta       INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('purchase', 'adjustment', 'expiry')),
    reason      TEXT    NOT NULL,
    purchase_id INTEGER REFERENCES purchase (id),
    staff_id    INTEGER REFERENCES staff (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER
);
CREATE INDEX points_entry_customer ON points_entry (customer_id, created_at);
CREATE INDEX points_entry_expiry ON points_entry (expires_at) WHERE expires_at IS NOT NULL;

-- Every tier or stage change, and every manual override set or cleared.
CREATE TABLE classification_change (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('tier', 'stage', 'override')),
    from_value  TEXT,
    to_value    TEXT,
    changed_at  INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    reason_args TEXT
);
CREATE INDEX classification_change_customer ON classification_change (customer_id, changed_at);

-- Scheduled jobs that run once per day: the last local day each ran.
CREATE TABLE job_run (
    name         TEXT PRIMARY KEY,
    last_run_day TEXT    NOT NULL,
    last_run_at  INTEGER NOT NULL
);
