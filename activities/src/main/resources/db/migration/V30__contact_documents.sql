-- Contacts' documents with an expiry date (a passport, a licence): personal data, deleted with the
-- contact's erasure or anonymization.
create table contact_documents (
  id          text primary key,
  org_id      text not null references organizations (id),
  contact_id  text not null references contacts (id),
  type        text not null,
  expires_at  date not null,
  created_at  timestamp with time zone not null
);

create index contact_documents_contact on contact_documents (contact_id);
-- expiring-properties' scan: an organization's documents by date
create index contact_documents_org_expiry on contact_documents (org_id, expires_at);

-- The thresholds (30, 14, 7 days) a document's document.expiring event covered: a threshold
-- passed over (the job did not run, or the document came late) is covered by the next one.
create table contact_document_notices (
  document_id  text not null references contact_documents (id) on delete cascade,
  org_id       text not null references organizations (id),
  threshold    integer not null check (threshold in (30, 14, 7)),
  event_id     text not null,
  created_at   timestamp with time zone not null,
  primary key (document_id, threshold)
);

-- Per organization, the local date expiring-properties last checked it, and how its last try went.
create table organization_job_days (
  org_id      text not null references organizations (id),
  job         text not null,
  local_date  date,
  last_error  text,
  updated_at  timestamp with time zone not null,
  primary key (org_id, job)
);
