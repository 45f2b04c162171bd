-- The customer archive (客户档案): customers, channel identities, purchases, follow-ups, staff.
-- Times are Unix epoch seconds (INTEGER); money is in cents (INTEGER); both portable to PostgreSQL.

CREATE TABLE staff_group (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    store       TEXT
);

CREATE TABLE staff (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL UNIQUE,
    role             TEXT    NOT NULL DEFAULT 'staff' CHECK (role IN ('owner', 'manager', 'staff')),
    staff_group_id   INTEGER REFERENCES staff_group (id),
    telegram_user_id INTEGER UNIQUE,
    created_at       INTEGER NOT NULL
);

CREATE TABLE customer (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL,
    phone                TEXT    UNIQUE,
    birth_year           INTEGER,
    birth_month_day      TEXT,
    gender               TEXT    CHECK (gender IN ('male', 'female')),
    notes                TEXT,
    owner_staff_id       INTEGER REFERENCES staff (id),
    staff_group_id       INTEGER REFERENCES staff_group (id),
    store                TEXT,
    source               TEXT,
    referrer_id          INTEGER REFERENCES customer (id) ON DELETE SET NULL,
    opted_out            INTEGER NOT NULL DEFAULT 0,
    opted_out_at         INTEGER,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    first_purchase_at    INTEGER,
    last_purchase_at     INTEGER,
    purchase_count       INTEGER NOT NULL DEFAULT 0,
    purchase_total_cents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_name ON customer (name);
CREATE INDEX customer_owner ON customer (owner_staff_id);
CREATE INDEX customer_group ON customer (staff_group_id);
CREATE INDEX customer_birthday ON customer (birth_month_day);
CREATE INDEX customer_last_purchase ON customer (last_purchase_at);

CREATE TABLE customer_tag (
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    tag         TEXT    NOT NULL,
    PRIMARY KEY (customer_id, tag)
);
CREATE INDEX customer_tag_by_tag ON customer_tag (tag, customer_id);

CREATE TABLE channel_identity (
    channel     TEXT    NOT NULL,
    external_id TEXT    NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (channel, external_id)
);
CREATE INDEX channel_identity_customer ON channel_identity (customer_id);

-- customer_id is NULL for a sale to a customer not on file (it still counts for the registration rate).
CREATE TABLE purchase (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER REFERENCES customer (id),
    purchased_at INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    items        TEXT,
    store        TEXT,
    staff_id     INTEGER REFERENCES staff (id),
    external_ref TEXT    UNIQUE,
    created_at   INTEGER NOT NULL
);
CREATE INDEX purchase_customer ON purchase (customer_id, purchased_at);
CREATE INDEX purchase_time ON purchase (purchased_at);

CREATE TABLE follow_up (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    staff_id    INTEGER REFERENCES staff (id),
    happened_at INTEGER NOT NULL,
    method      TEXT    NOT NULL,
    content     TEXT    NOT NULL
);
CREATE INDEX follow_up_customer ON follow_up (customer_id, happened_at);

-- Two records found to be one person: what was merged into what, and when.
CREATE TABLE customer_merge (
    id             INTEGER PRIMARY KEY,
    kept_id        INTEGER NOT NULL,
    merged_id      INTEGER NOT NULL,
    merged_name    TEXT,
    reason         TEXT    NOT NULL,
    merged_at      INTEGER NOT NULL
);
