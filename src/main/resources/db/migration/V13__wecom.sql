-- WeCom (issue #17).
-- Staff who work from the WeCom app, by their WeCom userid.
ALTER TABLE staff ADD COLUMN wecom_userid TEXT;
CREATE UNIQUE INDEX staff_wecom ON staff (wecom_userid) WHERE wecom_userid IS NOT NULL;

-- An external contact's identity (channel 'wecom'): the staff member who has them as a contact (the
-- sender of mass messages to them), and when the welcome went out (it never goes twice).
ALTER TABLE channel_identity ADD COLUMN follow_user TEXT;
ALTER TABLE channel_identity ADD COLUMN welcomed_at INTEGER;

-- What happened between a customer and a staff member on WeCom: added, edited, the customer deleted the
-- staff member (a churn signal), the staff member deleted the customer, a transfer failed.
CREATE TABLE contact_event (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    staff_id    INTEGER REFERENCES staff (id),
    detail      TEXT,
    at          INTEGER NOT NULL
);
CREATE INDEX contact_event_customer ON contact_event (customer_id, at);

-- A WeCom mass-send task's outcome for its customer: NULL until WeCom reports it (get_groupmsg_send_result).
ALTER TABLE outbox ADD COLUMN confirmed_at INTEGER;
CREATE INDEX outbox_wecom_tasks ON outbox (id) WHERE channel = 'wecom' AND status = 'sent' AND confirmed_at IS NULL;
