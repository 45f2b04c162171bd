-- The to-do list walks each reason's customers in the order it shows them and stops at 500. These
-- partial indexes hold only the customers a reason can list, in that order, so the whole shop's list
-- (the dashboard, an owner's /todo team) no longer scans every customer once per reason.
-- None of them involves columns the daily sweep rewrites for most customers, so the sweep stays fast.

-- "never followed up", oldest registration first
CREATE INDEX customer_never_followed ON customer (created_at) WHERE last_follow_up_at IS NULL;
-- "not followed up for N days", longest waiting first
CREATE INDEX customer_followed_up ON customer (last_follow_up_at) WHERE last_follow_up_at IS NOT NULL;
-- "never bought", oldest registration first
CREATE INDEX customer_never_bought ON customer (created_at) WHERE purchase_count = 0;
-- "dormant, no reactivation yet", longest gone first (only customers entering or leaving dormant touch it)
CREATE INDEX customer_dormant ON customer (last_purchase_at) WHERE stage = 'dormant';
