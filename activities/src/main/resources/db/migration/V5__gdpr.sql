-- GDPR: soft deletion, petition replies and comments, scheduled deletions, retention periods per
-- organization, and an audit log that names entities by type and id only.

alter table petitions add column deleted_at timestamp with time zone;
alter table petitions add column anonymized_at timestamp with time zone;
alter table contacts add column deleted_at timestamp with time zone;
alter table contacts add column anonymized_at timestamp with time zone;
alter table files add column deleted_at timestamp with time zone;
alter table files add column anonymized_at timestamp with time zone;

create table petition_replies (
  id             text primary key,
  org_id         text not null references organizations (id),
  petition_id    text not null references petitions (id),
  contact_id     text references contacts (id),
  body           text,
  created_at     timestamp with time zone not null default current_timestamp,
  anonymized_at  timestamp with time zone
);

create index petition_replies_petition on petition_replies (petition_id);
create index petition_replies_contact on petition_replies (contact_id);

create table petition_comments (
  id             text primary key,
  org_id         text not null references organizations (id),
  petition_id    text not null references petitions (id),
  contact_id     text references contacts (id),
  author_name    text,
  body           text,
  created_at     timestamp with time zone not null default current_timestamp,
  anonymized_at  timestamp with time zone
);

create index petition_comments_petition on petition_comments (petition_id);
create index petition_comments_contact on petition_comments (contact_id);

-- Deletions asked for a later date: once due, the anonymizer soft-deletes and anonymizes the entity.
create table scheduled_deletions (
  id           text primary key,
  org_id       text not null references organizations (id),
  entity_type  text not null,
  entity_id    text not null,
  delete_at    timestamp with time zone not null,
  done_at      timestamp with time zone,
  constraint scheduled_deletions_entity_type check (entity_type in ('petition', 'contact', 'file'))
);

create index scheduled_deletions_due on scheduled_deletions (delete_at) where done_at is null;

-- Days a soft-deleted row of a category is kept before it is anonymized; rows absent here use the
-- configured defaults.
create table retention_periods (
  org_id    text not null references organizations (id),
  category  text not null,
  days      integer not null,
  primary key (org_id, category),
  constraint retention_periods_days check (days >= 0)
);

-- Who or what did what to how many rows of which kind: never a name, address or body.
create table audit_log (
  id           bigint generated always as identity primary key,
  org_id       text,
  actor        text not null,
  action       text not null,
  entity_type  text not null,
  entity_id    text,
  counts       jsonb not null,
  at           timestamp with time zone not null default current_timestamp
);

create index audit_log_org on audit_log (org_id, at);

-- The anonymizer's candidate scans: soft-deleted and not yet anonymized.
create index petitions_deleted on petitions (deleted_at) where anonymized_at is null and deleted_at is not null;
create index contacts_deleted on contacts (deleted_at) where anonymized_at is null and deleted_at is not null;
create index files_deleted on files (deleted_at) where anonymized_at is null and deleted_at is not null;
