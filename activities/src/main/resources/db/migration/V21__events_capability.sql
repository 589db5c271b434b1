-- Domain events become a capability of their own: each event is processed by its own workflow
-- (domain-event/<orgId>/<eventId>) that runs the event's handlers (webhooks, audit, ...).
--
-- status: SCHEDULED (waits for process_at), PROCESSING, PROCESSED, CANCELLED. Events stored before
-- were fanned out to their deliveries when published: they count as PROCESSED.
alter table domain_events add column status text not null default 'PROCESSED';
alter table domain_events alter column status set default 'PROCESSING';
alter table domain_events add column process_at timestamp with time zone;
alter table domain_events add column processed_at timestamp with time zone;
-- Events with an ordering key are processed one at a time per (organization, key), in seq order:
-- the order in which the platform accepted them.
alter table domain_events add column ordering_key text;
alter table domain_events add column seq bigint generated always as identity;
-- What the audit row names: the entity the event is about and who caused it (ids only).
alter table domain_events add column entity_id text;
alter table domain_events add column actor text;
-- The handlers that took the event, written when its processing ends.
alter table domain_events add column handlers text[];
-- Null until Temporal accepted the event's workflow: the relay starts what a failed publish left.
alter table domain_events add column workflow_started_at timestamp with time zone;
update domain_events set workflow_started_at = created_at;
create index domain_events_unstarted on domain_events (created_at) where workflow_started_at is null;
create index domain_events_ordering on domain_events (org_id, ordering_key, seq) where ordering_key is not null;
-- The work views: an organization's events, newest first.
drop index domain_events_org_created;
create index domain_events_org_created_id on domain_events (org_id, created_at desc, id desc);

-- One row per (event, handler) once the handler needed more than one try: its retries, its last
-- error, its end. A handler that succeeded at once has no row (the event's handlers column and
-- status tell it): the fast path writes nothing per handler.
create table event_handler_runs (
  event_id    text not null references domain_events (id),
  org_id      text not null references organizations (id),
  handler     text not null,
  status      text not null,
  attempts    integer not null,
  last_error  text,
  updated_at  timestamp with time zone not null,
  primary key (event_id, handler)
);

-- The audit handler writes one row per event: the event id makes a retried write find the first.
alter table audit_log add column event_id text;
create unique index audit_log_event on audit_log (org_id, event_id) where event_id is not null;

-- Deliveries that a failed publish left unstarted were the old relay's work; from now on the
-- relay starts events, and an event's webhook handler attempts its deliveries that have none.
update domain_events e set workflow_started_at = null, status = 'PROCESSING'
where exists (select 1 from webhook_deliveries d where d.event_id = e.id and d.workflow_started_at is null);
