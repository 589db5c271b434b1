-- A petition's reminder plan (every N days, at most M reminders) and the time it closes by itself.
alter table petitions add column reminder_every_days integer;
alter table petitions add column reminder_max integer;
alter table petitions add column closes_at timestamp with time zone;
-- the closes_at its durable timer (workflow petition-close/<org>/<petition>) was last given: the
-- relay re-sends one that differs (Temporal was unreachable when it changed)
alter table petitions add column close_scheduled_at timestamp with time zone;
alter table petitions add column closed_at timestamp with time zone;
alter table petitions add constraint petitions_reminder_plan check (
  (reminder_every_days is null and reminder_max is null)
  or (reminder_every_days between 1 and 365 and reminder_max between 1 and 50));
alter table petitions add constraint petitions_status check (status in ('OPEN', 'COMPLETED', 'CLOSED'));

-- The relay's scan: open petitions whose timer has not been given their closes_at.
create index petitions_close_unscheduled on petitions (id)
  where status = 'OPEN' and closes_at is distinct from close_scheduled_at;

-- One row per contact a petition was sent to (the first message of one of its bulk sends that
-- SES accepted), with the reminders sent so far: reminder n is due at first_sent_at + n * every
-- days, and is sent under the key petition-reminder/<petition>/<contact>/<n>.
create table petition_reminders (
  petition_id     text not null references petitions (id),
  contact_id      text not null references contacts (id),
  org_id          text not null references organizations (id),
  first_sent_at   timestamp with time zone not null,
  reminders_sent  integer not null default 0,
  last_sent_at    timestamp with time zone,
  primary key (petition_id, contact_id)
);

create index petition_replies_petition_contact on petition_replies (petition_id, contact_id);
