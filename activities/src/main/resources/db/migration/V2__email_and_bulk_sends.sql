-- Contacts, petitions, email (log, outbox, SES events, suppressions) and bulk sends.

create table contacts (
  id          text primary key,
  org_id      text not null references organizations (id),
  email       text not null,
  name        text,
  locale      text not null default 'en',
  created_at  timestamp with time zone not null default current_timestamp
);

create index contacts_org on contacts (org_id, id);

create table petitions (
  id          text primary key,
  org_id      text not null references organizations (id),
  title       text not null,
  status      text not null default 'OPEN',
  created_at  timestamp with time zone not null default current_timestamp
);

-- One row per message the platform decided to send, keyed by the caller's dedupe key: the log and
-- the outbox. SENDING is written before SES is called and SENT (with SES's message id) after it,
-- so a row left SENDING marks the one window in which a message may have gone out unrecorded.
create table email_messages (
  dedupe_key      text primary key,
  org_id          text not null references organizations (id),
  contact_id      text not null references contacts (id),
  template        text not null,
  bulk_send_id    text,
  state           text not null,
  ses_message_id  text,
  -- SES calls made for this message: more than one means a retry found it SENDING (the window of
  -- doubt), so the recipient may have received it twice.
  send_attempts   integer not null default 0,
  -- why it failed (or last failed): a category safe to hand to workflows; error_detail keeps
  -- SES's own words, which may quote addresses and never leave this table.
  error           text,
  error_detail    text,
  created_at      timestamp with time zone not null default current_timestamp,
  updated_at      timestamp with time zone not null default current_timestamp,
  constraint email_messages_state check
    (state in ('SENDING', 'SENT', 'FAILED', 'SUPPRESSED', 'SKIPPED_NOT_ALLOWED'))
);

create index email_messages_ses_message on email_messages (ses_message_id);
create index email_messages_bulk_send on email_messages (bulk_send_id, state) where bulk_send_id is not null;

-- SES notifications (bounce, complaint, delivery) as received through SNS: one row per recipient
-- named in the notification; SNS redelivering a notification adds nothing.
create table email_events (
  id                 bigint generated always as identity primary key,
  sns_message_id     text not null,
  notification_type  text not null,
  ses_message_id     text,
  recipient          text not null,
  raw                jsonb not null,
  received_at        timestamp with time zone not null default current_timestamp,
  constraint email_events_once unique (sns_message_id, recipient)
);

create index email_events_ses_message on email_events (ses_message_id);

-- Addresses SES must not be asked to send to again, for every organization. Stored lower-cased.
create table suppressions (
  address  text primary key,
  reason   text not null,
  since    timestamp with time zone not null default current_timestamp
);

create table bulk_sends (
  id           text primary key,
  org_id       text not null references organizations (id),
  petition_id  text not null references petitions (id),
  template     text not null,
  status       text not null,
  total        integer not null default 0,
  sent         integer not null default 0,
  skipped      integer not null default 0,
  suppressed   integer not null default 0,
  failed       integer not null default 0,
  created_at   timestamp with time zone not null default current_timestamp,
  finished_at  timestamp with time zone,
  workflow_started_at  timestamp with time zone
);

-- The recipients of a bulk send, paged by contact id (the workflow's cursor).
create table bulk_send_recipients (
  bulk_send_id  text not null references bulk_sends (id),
  contact_id    text not null references contacts (id),
  primary key (bulk_send_id, contact_id)
);
