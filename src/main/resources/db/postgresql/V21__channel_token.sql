-- The WeChat and WeCom access tokens, shared by every instance on one database (#18). WeChat's
-- /cgi-bin/token hands out a new token and retires the previous one, so two instances that each
-- fetched their own would keep retiring each other's. Here the first instance that needs a new token
-- fetches it and the others take it from this row; a restart reuses it too, sparing the day's quota.
-- A token lasts two hours; expires_at is in epoch seconds.
CREATE TABLE channel_token (
    channel    TEXT PRIMARY KEY,
    token      TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
