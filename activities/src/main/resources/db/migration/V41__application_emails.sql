-- The application's own transactional email (issue 28): POST /api/orgs/{orgId}/emails and the
-- starters' Emails.send. A request stores its message QUEUED with the request's template data; the
-- workflow email/<id> on queue email sends it through the one sending step. Histories hold ids only.

-- A message may go to an address given directly (neither a contact nor a member): the row holds it.
alter table email_messages add column address text;
alter table email_messages drop constraint email_messages_one_recipient;
alter table email_messages add constraint email_messages_one_recipient
  check (num_nonnulls(contact_id, member_id, address) = 1);
create index email_messages_address on email_messages (lower(address)) where address is not null;

-- QUEUED: accepted, not yet claimed for a call to SES.
alter table email_messages drop constraint email_messages_state;
alter table email_messages add constraint email_messages_state check
  (state in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED', 'SKIPPED_NOT_ALLOWED', 'SKIPPED_ERASED',
             'SKIPPED_LIMIT'));

-- What SES said happened after it accepted the message (its bounce, complaint and delivery events):
-- COMPLAINED outranks BOUNCED, which outranks DELIVERED. delivery_reason is a category (the bounce's
-- type and subtype), never SES's diagnostic text.
alter table email_messages add column delivery text
  constraint email_messages_delivery check (delivery in ('DELIVERED', 'BOUNCED', 'COMPLAINED'));
alter table email_messages add column delivery_reason text;
alter table email_messages add column delivery_at timestamp with time zone;

-- The application's requests: the message's key and the template's data (which may be personal:
-- it stays here, erased with the recipient). The outbox of workflow email/<id>.
create table email_requests (
  id                   text primary key,
  org_id               text not null references organizations (id),
  dedupe_key           text not null unique references email_messages (dedupe_key),
  data                 jsonb not null,
  created_at           timestamp with time zone not null,
  workflow_started_at  timestamp with time zone
);
create index email_requests_org on email_requests (org_id, created_at desc, id desc);
create index email_requests_unstarted on email_requests (created_at) where workflow_started_at is null;

-- The send rate shared by every host: permits per window (a second or a minute), counted in one
-- row per window. Rows are reused in a ring of 120 windows, so the table never grows.
create table email_send_budget (
  name          text not null,
  slot          integer not null,
  window_start  bigint not null,
  taken         integer not null,
  primary key (name, slot)
);

-- A notification's email channel follows its message once SES reports on it.
alter table notifications drop constraint notifications_email;
alter table notifications add constraint notifications_email
  check (email_status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED', 'DELIVERED', 'BOUNCED', 'COMPLAINED'));
