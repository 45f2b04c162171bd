-- Reports read a period's purchases by time. This index holds every column the sales figures need, so
-- a month of purchases is read from the index alone, in time order, without a lookup per row.
-- It replaces purchase_time (purchased_at alone), which it covers as its first column.
CREATE INDEX purchase_report ON purchase (purchased_at, customer_id, amount_cents, staff_id, store);
DROP INDEX purchase_time;
