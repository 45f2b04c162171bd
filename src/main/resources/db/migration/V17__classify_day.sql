-- The first shop day (days since 1970-01-01 in the shop's zone) on which time alone may change a
-- customer's tier or stage. The daily sweep looks only at customers whose day has come, instead of
-- everyone (found by liuke simulate, #19). NULL: never classified, or marked for the next sweep.
ALTER TABLE customer ADD COLUMN classify_day INTEGER;
CREATE INDEX customer_classify_day ON customer (classify_day);
