-- Who is calling SES for a message, and whether it may have gone out more than once.
--
-- claimed_by names the activity attempt that claimed a SENDING row for a call to SES (its run id,
-- activity id and attempt number); it is cleared when the call ends with a known outcome (sent,
-- refused, or not sent: throttled, SES error, SES unreachable). A later attempt that finds the
-- row still claimed cannot know whether the earlier call reached SES: it takes the claim over and
-- marks the row in_doubt before it sends. A call that runs past its own timeout marks the row
-- in_doubt itself. in_doubt never goes back to false: the recipient may hold two copies.
alter table email_messages add column claimed_by text;
alter table email_messages add column in_doubt boolean not null default false;

-- Rows left SENDING by a version that did not record claims: their outcome is unknown.
update email_messages set in_doubt = true where state = 'SENDING' and send_attempts > 0;
