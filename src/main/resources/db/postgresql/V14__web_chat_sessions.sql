-- Web chat sessions are issued by the server (issue #20): unguessable ids, each bound to its mode.
CREATE TABLE web_session (
    id         TEXT    PRIMARY KEY,
    mode       TEXT    NOT NULL CHECK (mode IN ('customer', 'staff')),
    created_at BIGINT  NOT NULL
);
