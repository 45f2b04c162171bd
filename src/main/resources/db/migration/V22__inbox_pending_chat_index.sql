-- A worker takes a chat's waiting updates up to the one it was handed (Inbox.pendingUpTo). With only
-- inbox_pending (id) to go by, each call read every waiting update of every chat before it, so the
-- further handling fell behind a burst, the longer each call took: on PostgreSQL 4.5 ms a call in the
-- first round of the ingest bench, 0.1 ms once it kept up (#18). This index goes straight to the chat.
CREATE INDEX inbox_pending_chat ON inbox (channel, chat_key, id) WHERE status = 'pending';
