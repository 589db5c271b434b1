-- A bulk send may be scheduled: its workflow waits on a durable timer until send_at, and the relay
-- never starts one whose send_at is still ahead.
alter table bulk_sends add column send_at timestamp with time zone;

-- Whether the event's webhook deliveries were created with it. An event published through the REST
-- API for now fans out as it is stored (the publish answers with the delivery ids); a delayed one,
-- or one written by an API's own transaction (the starters' outbox), when it is processed.
alter table domain_events add column fanned_out boolean not null default true;
alter table domain_events alter column fanned_out set default false;
