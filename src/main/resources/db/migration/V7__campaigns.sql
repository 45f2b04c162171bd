-- Campaigns (issue #6): the outbox learns about campaign rows (purpose, priority, a final 'skipped'
-- state with its reason, a stale-after time) and about leases, so a restarted or second dispatcher
-- never sends a row that another one holds. SQLite cannot change a CHECK constraint in place, so the
-- table is rebuilt with its rows.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    channel         TEXT    NOT NULL,
    chat_id         TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL CHECK (kind IN ('text', 'edit', 'answer')),
    payload         TEXT    NOT NULL,
    customer_id     INTEGER REFERENCES customer (id) ON DELETE SET NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    not_before      INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    external_id     TEXT,
    error           TEXT,
    -- reply: a direct answer to the customer's own action (transactional, always passes the gate);
    -- care: a must-do contact (birthday, holiday, thanks, after-sales); marketing: counts against the tier caps.
    purpose         TEXT    NOT NULL DEFAULT 'reply' CHECK (purpose IN ('reply', 'care', 'marketing')),
    campaign        TEXT,
    occurrence      TEXT,
    priority        INTEGER NOT NULL DEFAULT 0,
    -- The shop day (days since 1970 in the shop's zone) the contact is planned for: one slot per customer and day.
    slot_day        INTEGER,
    expires_at      INTEGER,
    -- Why the row was skipped, or why it was last deferred (quiet hours, rate limit …).
    reason          TEXT,
    lease_owner     TEXT,
    lease_until     INTEGER
);
INSERT INTO outbox_new (id, channel, chat_id, idempotency_key, kind, payload, customer_id, status, attempts, not_before,
                        created_at, sent_at, external_id, error)
SELECT id, channel, chat_id, idempotency_key, kind, payload, customer_id, status, attempts, not_before, created_at,
       sent_at, external_id, error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (channel, id) WHERE status = 'pending';
CREATE INDEX outbox_chat ON outbox (channel, chat_id, id);
-- Caps and slots: a customer's campaign contacts by time.
CREATE INDEX outbox_customer_contacts ON outbox (customer_id, created_at) WHERE campaign IS NOT NULL;
CREATE INDEX outbox_campaign ON outbox (campaign, status);

-- Each scheduled run of a campaign: the schedule slot it ran for, so a slot runs once however often
-- the scheduler looks, and a missed slot after downtime runs once.
CREATE TABLE campaign_run (
    id          INTEGER PRIMARY KEY,
    campaign    TEXT    NOT NULL,
    slot        INTEGER NOT NULL,
    trigger     TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    planned     INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (campaign, slot)
);

-- A reactivation sequence: offer first, then the "why did we not see you?" survey. A purchase or a
-- redemption ends it; one sequence per customer per period; churned customers one final win-back.
CREATE TABLE reactivation (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('dormant', 'win-back')),
    started_at  INTEGER NOT NULL,
    step        INTEGER NOT NULL DEFAULT 1,
    next_at     INTEGER,
    ended_at    INTEGER,
    end_reason  TEXT
);
CREATE INDEX reactivation_customer ON reactivation (customer_id, started_at);
CREATE INDEX reactivation_next ON reactivation (next_at) WHERE ended_at IS NULL;

-- A broadcast: from a staff member in chat (a draft waiting for its text and the confirm button),
-- or from the API (staff_id NULL).
CREATE TABLE broadcast (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER REFERENCES staff (id),
    segment     TEXT    NOT NULL,
    text        TEXT,
    status      TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'confirmed', 'cancelled')),
    created_at  INTEGER NOT NULL,
    confirmed_at INTEGER
);
CREATE INDEX broadcast_staff ON broadcast (staff_id, status);
