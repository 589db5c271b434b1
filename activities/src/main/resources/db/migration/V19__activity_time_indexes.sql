-- The console's charts count webhook attempts and sent emails per minute over the last hour.
-- Block-range indexes: rows arrive in time order, so a BRIN index finds the last hour's blocks
-- at almost no cost per insert (a b-tree would add a write to the webhook path's hottest table).
create index webhook_attempts_started_brin on webhook_attempts using brin (started_at);
create index email_messages_created_brin on email_messages using brin (created_at);
