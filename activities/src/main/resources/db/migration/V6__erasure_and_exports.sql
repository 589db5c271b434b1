-- Erasure of one contact on request, data exports, and the links both need.

-- Files that belong to a contact (their uploads): erased and exported with them.
alter table files add column contact_id text references contacts (id);
create index files_contact on files (contact_id) where contact_id is not null;

-- Erasing contacts looks up their messages and the signature requests they sign by contact.
create index email_messages_contact on email_messages (contact_id);
create index signature_signers_contact on signature_signers (contact_id);
-- SES events name the address only: erasure finds them by it.
create index email_events_recipient on email_events (lower(recipient));

-- A bulk send that reaches a contact erased meanwhile records that it skipped them.
alter table email_messages drop constraint email_messages_state;
alter table email_messages add constraint email_messages_state check
  (state in ('SENDING', 'SENT', 'FAILED', 'SUPPRESSED', 'SKIPPED_NOT_ALLOWED', 'SKIPPED_ERASED'));

-- One row per contact whose erasure was asked for; the workflow erasure/<contact_id> does it.
create table erasures (
  contact_id           text primary key references contacts (id),
  org_id               text not null references organizations (id),
  status               text not null,
  counts               jsonb,
  error                text,
  requested_at         timestamp with time zone not null default current_timestamp,
  workflow_started_at  timestamp with time zone,
  finished_at          timestamp with time zone,
  constraint erasures_status check (status in ('PENDING', 'COMPLETED', 'FAILED'))
);

create index erasures_unstarted on erasures (requested_at) where workflow_started_at is null;

-- Data exports of an organization or of one of its contacts: a ZIP in the file store until it
-- expires, when the cleanup job deletes the bytes and marks the row EXPIRED.
create table exports (
  id                   text primary key,
  org_id               text not null references organizations (id),
  contact_id           text references contacts (id),
  status               text not null,
  storage_key          text,
  size_bytes           bigint,
  sha256               text,
  error                text,
  created_at           timestamp with time zone not null default current_timestamp,
  workflow_started_at  timestamp with time zone,
  started_at           timestamp with time zone,
  completed_at         timestamp with time zone,
  expires_at           timestamp with time zone,
  constraint exports_status check (status in ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'EXPIRED'))
);

create index exports_org on exports (org_id, created_at);
create index exports_unstarted on exports (created_at) where workflow_started_at is null;
create index exports_expiring on exports (expires_at) where status = 'COMPLETED';

-- Domain events carry whatever their publisher put in the payload: the anonymizer overwrites the
-- payload (and the receivers' answers to its deliveries) once the organization's retention for
-- events has passed.
alter table domain_events add column anonymized_at timestamp with time zone;
create index domain_events_unanonymized on domain_events (created_at) where anonymized_at is null;
