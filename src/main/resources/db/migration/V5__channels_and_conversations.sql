-- Channels and conversations: the durable inbox of chat updates, the outbox of messages to send,
-- per-chat dialogue state, loyal-customer groups and their members.

-- Every update a channel delivered, written before it is acknowledged. (channel, update_id) is unique,
-- so a redelivered update is recognised and has no second effect.
CREATE TABLE inbox (
    id          INTEGER PRIMARY KEY,
    channel     TEXT    NOT NULL,
    update_id   INTEGER NOT NULL,
    chat_key    TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    UNIQUE (channel, update_id)
);
CREATE INDEX inbox_pending ON inbox (id) WHERE status = 'pending';

-- Every message to send. A row is written first (with a unique key) and sent afterwards.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    channel         TEXT    NOT NULL,
    chat_id         TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL CHECK (kind IN ('text', 'edit', 'answer')),
    payload         TEXT    NOT NULL,
    customer_id     INTEGER REFERENCES customer (id) ON DELETE SET NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    not_before      INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    external_id     TEXT,
    error           TEXT
);
CREATE INDEX outbox_pending ON outbox (id) WHERE status = 'pending';
CREATE INDEX outbox_chat ON outbox (channel, chat_id, id);

-- The dialogue a chat is in: which script, which step, the answers so far, and when it lapses.
CREATE TABLE dialogue_state (
    channel    TEXT    NOT NULL,
    chat_id    TEXT    NOT NULL,
    script     TEXT    NOT NULL,
    step       TEXT    NOT NULL,
    answers    TEXT    NOT NULL DEFAULT '{}',
    expires_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (channel, chat_id)
);

-- What the channel told us about an identity, and whether it can still be reached (403: bot blocked).
ALTER TABLE channel_identity ADD COLUMN display_name TEXT;
ALTER TABLE channel_identity ADD COLUMN username TEXT;
ALTER TABLE channel_identity ADD COLUMN unreachable_at INTEGER;

-- The personal code in a customer's /invite link (t.me/<bot>?start=ref_<code>).
ALTER TABLE customer ADD COLUMN invite_code TEXT;
CREATE UNIQUE INDEX customer_invite_code ON customer (invite_code);

-- Staff who talk to the bot through the web chat with the admin token.
ALTER TABLE staff ADD COLUMN web_admin INTEGER NOT NULL DEFAULT 0;

-- Loyal-customer groups (客户群) that a manager registered with /group register.
CREATE TABLE chat_group (
    id            INTEGER PRIMARY KEY,
    channel       TEXT    NOT NULL,
    chat_id       TEXT    NOT NULL,
    title         TEXT,
    registered_by INTEGER REFERENCES staff (id),
    registered_at INTEGER NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    UNIQUE (channel, chat_id)
);

CREATE TABLE group_member (
    group_id        INTEGER NOT NULL REFERENCES chat_group (id) ON DELETE CASCADE,
    customer_id     INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    joined_at       INTEGER,
    left_at         INTEGER,
    invite_link     TEXT,
    last_message_at INTEGER,
    message_count   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, customer_id)
);
CREATE INDEX group_member_customer ON group_member (customer_id);
