-- Uploaded and produced files (their bytes live in the file store), and signature requests.

create table files (
  id            text primary key,
  org_id        text not null references organizations (id),
  name          text not null,
  content_type  text not null,
  size_bytes    bigint not null,
  sha256        text not null,
  -- where the file store keeps the bytes; opaque to everything but the store
  storage_key   text not null,
  created_at    timestamp with time zone not null default current_timestamp
);

-- One row per signature request; the workflow signature/<id> drives it, this row is what the API
-- lists and what survives the workflow.
create table signature_requests (
  id                    text primary key,
  org_id                text not null references organizations (id),
  petition_id           text not null references petitions (id),
  file_id               text not null references files (id),
  provider              text not null,
  state                 text not null,
  reminder_every_days   integer not null,
  expires_in_days       integer not null,
  -- the secret part of the callback URL handed to providers that cannot sign their callbacks
  callback_token        text not null,
  provider_process_id   text,
  -- create calls made at the provider: more than one means a retry ran while the first call's
  -- outcome was unknown (the window of doubt), so the provider may hold a second process.
  create_attempts       integer not null default 0,
  reminders_sent        integer not null default 0,
  signed_file_id        text references files (id),
  reason                text,
  created_at            timestamp with time zone not null default current_timestamp,
  workflow_started_at   timestamp with time zone,
  finished_at           timestamp with time zone,
  constraint signature_requests_provider_process unique (provider, provider_process_id),
  constraint signature_requests_reminders check (reminder_every_days >= 0),
  constraint signature_requests_expiry check (expires_in_days between 1 and 365)
);

create index signature_requests_org on signature_requests (org_id, created_at);

-- The signers of a request, in order; the signer id is the contact id.
create table signature_signers (
  signature_request_id  text not null references signature_requests (id),
  contact_id            text not null references contacts (id),
  position              integer not null,
  -- the provider's handle for this signer (Signaturit document id, DocuSign recipient id)
  provider_signer_ref   text,
  state                 text not null default 'PENDING',
  primary key (signature_request_id, contact_id),
  constraint signature_signers_position unique (signature_request_id, position)
);

-- Every provider callback as received, whether or not it became a signal.
create table signature_events (
  id                    bigint generated always as identity primary key,
  signature_request_id  text not null references signature_requests (id),
  provider              text not null,
  type                  text not null,
  contact_id            text,
  -- the workflow signal it was mapped to; null when it is only recorded
  signal                text,
  payload               jsonb not null,
  received_at           timestamp with time zone not null default current_timestamp
);

create index signature_events_request on signature_events (signature_request_id, id);
