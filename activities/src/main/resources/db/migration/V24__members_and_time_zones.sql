-- Organizations get a time zone (jobs that run at a local hour read it); members are the people
-- who use the product (unlike contacts, whom an organization writes to). A member's email and
-- name are personal data: erasure and the anonymizer overwrite them and set anonymized_at.

alter table organizations add column time_zone text not null default 'UTC';

create table members (
  id             text primary key,
  org_id         text not null references organizations (id),
  email          text not null,
  name           text,
  role           text not null check (role in ('ADMIN', 'MANAGER', 'COMPLIANCE', 'MEMBER')),
  time_zone      text not null,
  locale         text not null,
  created_at     timestamp with time zone not null,
  deleted_at     timestamp with time zone,
  anonymized_at  timestamp with time zone
);

-- The list, newest first, of an organization's members that are not deleted.
create index members_org_list on members (org_id, created_at desc, id desc) where deleted_at is null;
-- One member per address in an organization (case-insensitively), while not deleted.
create unique index members_org_email on members (org_id, lower(email)) where deleted_at is null;
