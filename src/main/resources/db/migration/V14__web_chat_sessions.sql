-- Web chat sessions are issued by the server (issue #20): unguessable ids, each bound to its mode.
-- A staff session (made with the admin token) is readable and writable only with the token.
CREATE TABLE web_session (
    id         TEXT    PRIMARY KEY,
    mode       TEXT    NOT NULL CHECK (mode IN ('customer', 'staff')),
    created_at INTEGER NOT NULL
);
