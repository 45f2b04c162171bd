-- The dispatcher's lease asks, for every due row, whether an earlier reply in the same chat still waits.
-- Answered from the chat's pending rows only, instead of its whole history (found by liuke simulate, #19).
CREATE INDEX outbox_pending_chat ON outbox (channel, chat_id, id) WHERE status = 'pending';
