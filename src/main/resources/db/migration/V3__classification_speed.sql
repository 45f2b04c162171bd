-- Kept on write so the sweep needs no per-customer subquery: the time of the customer's
-- K-th most recent purchase, K = tiers.a.minPurchasesInWindow (A by recent purchases ⇔ mark ≥ window start).
ALTER TABLE customer ADD COLUMN recent_purchase_mark INTEGER;
CREATE INDEX customer_override_until ON customer (tier_override_until) WHERE tier_override_until IS NOT NULL;

-- Settings the stored aggregates were computed with (e.g. the K above); a change triggers a full recompute.
CREATE TABLE classification_setting (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
