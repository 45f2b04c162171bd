-- WeChat (issue #16).
-- The reply window of an identity (WeChat's 客服消息 rules): open until window_until, with
-- window_left messages still allowed. A message from the follower opens 48 hours and 5 messages; a
-- menu click, a follow or a scan opens 1 minute and 3 messages.
ALTER TABLE channel_identity ADD COLUMN window_until INTEGER;
ALTER TABLE channel_identity ADD COLUMN window_left INTEGER NOT NULL DEFAULT 0;
-- WeChat's unionid (shared by a person's Official Account, Mini Program and WeCom identities).
ALTER TABLE channel_identity ADD COLUMN union_id TEXT;
CREATE INDEX channel_identity_union ON channel_identity (union_id) WHERE union_id IS NOT NULL;

-- Staff who work from WeChat, by their openid on the shop's Official Account.
ALTER TABLE staff ADD COLUMN wechat_openid TEXT;
CREATE UNIQUE INDEX staff_wechat ON staff (wechat_openid) WHERE wechat_openid IS NOT NULL;

-- A follower's request to bind a phone that is on file for another customer: the code sent to that
-- customer's own chat proves the phone is theirs before the two records become one.
CREATE TABLE bind_request (
    customer_id INTEGER PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
    target_id   INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    code_hash   TEXT    NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    expires_at  INTEGER NOT NULL
);

-- The QR codes (带参数二维码) of WeChat invitations: one per scene ("ref_CODE"), kept until it expires.
CREATE TABLE wechat_qr (
    scene      TEXT    PRIMARY KEY,
    url        TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
