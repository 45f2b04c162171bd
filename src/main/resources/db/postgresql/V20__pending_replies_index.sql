-- The lease's only question of this index is whether an earlier reply still waits in the same chat, so
-- it holds waiting replies only. Holding every waiting row, it lost an entry each time a campaign
-- message was marked sent: one page more in the commit that marks it, the most frequent write of all
-- (found by liuke simulate, #19).
DROP INDEX outbox_pending_chat;
CREATE INDEX outbox_pending_reply ON outbox (channel, chat_id, id) WHERE status = 'pending' AND purpose = 'reply';
