-- Staff look customers up by the last four digits of the phone (尾号): an expression index makes that a seek.
CREATE INDEX customer_phone_tail ON customer (substr(phone, -4));
