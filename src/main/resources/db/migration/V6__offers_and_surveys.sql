-- Member-exclusive offers and their codes, satisfaction surveys and their answers, and the
-- follow-up tasks that low scores open.

-- An offer (会员专享优惠). Offers from config/liuke.yaml are written here at start-up (source 'config');
-- offers made through POST /api/offers have source 'api'. Eligibility is a segment (tiers, stages, filters).
CREATE TABLE offer (
    id            TEXT    PRIMARY KEY,
    title         TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    tiers         TEXT    NOT NULL DEFAULT '',
    stages        TEXT    NOT NULL DEFAULT '',
    segment       TEXT    NOT NULL DEFAULT '',
    valid_from    TEXT,
    valid_until   TEXT,
    code_days     INTEGER,
    per_customer  INTEGER NOT NULL DEFAULT 1 CHECK (per_customer >= 1),
    stock         INTEGER CHECK (stock IS NULL OR stock >= 0),
    personal      INTEGER NOT NULL DEFAULT 1,
    shared_code   TEXT    UNIQUE,
    listed        INTEGER NOT NULL DEFAULT 1,
    source        TEXT    NOT NULL CHECK (source IN ('config', 'api')),
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- A personal single-use code: bound to one customer and one offer.
CREATE TABLE offer_code (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE,
    offer_id    TEXT    NOT NULL REFERENCES offer (id),
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    issued_at   INTEGER NOT NULL,
    expires_at  INTEGER,
    issued_via  TEXT    NOT NULL
);
CREATE INDEX offer_code_customer ON offer_code (customer_id, offer_id);
CREATE INDEX offer_code_offer ON offer_code (offer_id);

-- A use of an offer at the counter: who, where, when, and the purchase it went with.
-- A personal code can be used once: code_id is unique.
CREATE TABLE offer_redemption (
    id          INTEGER PRIMARY KEY,
    offer_id    TEXT    NOT NULL REFERENCES offer (id),
    code_id     INTEGER UNIQUE REFERENCES offer_code (id),
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    staff_id    INTEGER REFERENCES staff (id),
    store       TEXT,
    purchase_id INTEGER REFERENCES purchase (id),
    redeemed_at INTEGER NOT NULL
);
CREATE INDEX offer_redemption_offer ON offer_redemption (offer_id, redeemed_at);
CREATE INDEX offer_redemption_customer ON offer_redemption (customer_id, offer_id);

-- One customer's answers to one occurrence of a survey (e.g. the survey after purchase 42).
CREATE TABLE survey_response (
    id          INTEGER PRIMARY KEY,
    survey      TEXT    NOT NULL,
    occurrence  TEXT    NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    channel     TEXT    NOT NULL,
    chat_id     TEXT    NOT NULL,
    language    TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'expired')),
    question    INTEGER NOT NULL DEFAULT 0,
    store       TEXT,
    staff_id    INTEGER REFERENCES staff (id),
    invited_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    reminded_at INTEGER,
    finished_at INTEGER,
    UNIQUE (survey, occurrence, customer_id)
);
CREATE INDEX survey_response_open ON survey_response (expires_at) WHERE status = 'open';
CREATE INDEX survey_response_customer ON survey_response (customer_id, invited_at);
CREATE INDEX survey_response_results ON survey_response (survey, invited_at);

CREATE TABLE survey_answer (
    response_id INTEGER NOT NULL REFERENCES survey_response (id) ON DELETE CASCADE,
    question    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    score       INTEGER,
    choice      TEXT,
    text        TEXT,
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (response_id, question)
);

-- Work for a staff member about one customer (a low survey score, for now). staff_id NULL: for the managers.
CREATE TABLE follow_up_task (
    id                 INTEGER PRIMARY KEY,
    customer_id        INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    kind               TEXT    NOT NULL,
    staff_id           INTEGER REFERENCES staff (id),
    detail             TEXT    NOT NULL,
    survey_response_id INTEGER UNIQUE REFERENCES survey_response (id) ON DELETE CASCADE,
    created_at         INTEGER NOT NULL,
    closed_at          INTEGER,
    closed_by          INTEGER REFERENCES staff (id)
);
CREATE INDEX follow_up_task_open ON follow_up_task (staff_id) WHERE closed_at IS NULL;
