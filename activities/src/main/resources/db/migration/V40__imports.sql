-- Imports (issue 27, the old worker:tasks): a CSV file read in batches by the workflow
-- import/<id>. Each batch commits its rows, its row errors and the offset where the next batch
-- starts in one transaction, so a crashed worker resumes from the last committed batch.

-- An import matches contacts by address ignoring case among the organization's live contacts.
create index contacts_org_email on contacts (org_id, lower(email)) where deleted_at is null;

create table imports (
  id                   text primary key,
  org_id               text not null references organizations (id),
  kind                 text not null,
  status               text not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED')),
  -- the file's bytes in the file storage (not a files row: the import owns them and deletes
  -- them once it ended); its name as uploaded, its size and SHA-256
  storage_key          text not null,
  file_name            text not null,
  size_bytes           bigint not null,
  sha256               text not null,
  -- the header row's columns, checked at upload
  columns              text[] not null,
  idempotency_key      text,
  -- where the next batch starts: a byte offset and the file's line number there
  next_offset          bigint not null,
  next_line            integer not null,
  rows                 integer not null default 0,
  imported             integer not null default 0,
  updated              integer not null default 0,
  failed               integer not null default 0,
  -- the longest batch's reading and writing, before its commit (a batch should stay under 1 s)
  longest_batch_ms     integer not null default 0,
  failure_reason       text,
  created_at           timestamp with time zone not null,
  workflow_started_at  timestamp with time zone,
  finished_at          timestamp with time zone,
  constraint imports_idempotency_key unique (org_id, idempotency_key)
);

create index imports_org_created on imports (org_id, created_at desc, id desc);
-- the relay's scan of imports left unstarted
create index imports_unstarted on imports (created_at) where workflow_started_at is null;

-- The rows an import could not take: the file's line, the column, why (never the value).
create table import_errors (
  import_id  text not null references imports (id) on delete cascade,
  org_id     text not null references organizations (id),
  line       integer not null,
  col        text,
  reason     text not null,
  primary key (import_id, line)
);
