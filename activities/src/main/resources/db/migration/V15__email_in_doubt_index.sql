-- A bulk send's inDoubt count reads only the few rows marked, not every message of the send.
create index email_messages_in_doubt on email_messages (bulk_send_id) where in_doubt;
