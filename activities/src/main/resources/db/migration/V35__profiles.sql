-- KYC profiles: the people and companies an organization screens (issue 27). A profile is soft
-- deleted; its external id (SAP's business partner number, say) is unique among the
-- organization's live profiles, so a sync or an import can match by it.
create table profiles (
  id                  text primary key,
  org_id              text not null references organizations (id),
  type                text not null check (type in ('PERSON', 'COMPANY')),
  name                text not null,
  country             text check (country ~ '^[A-Z]{2}$'),
  date_of_birth       date,
  registration_number text,
  external_id         text,
  created_at          timestamp with time zone not null,
  updated_at          timestamp with time zone not null,
  deleted_at          timestamp with time zone,
  anonymized_at       timestamp with time zone,
  check (type = 'PERSON' or date_of_birth is null),
  check (type = 'COMPANY' or registration_number is null)
);

create unique index profiles_external_id on profiles (org_id, external_id)
  where external_id is not null and deleted_at is null;
create index profiles_org_created on profiles (org_id, created_at desc, id desc) where deleted_at is null;
