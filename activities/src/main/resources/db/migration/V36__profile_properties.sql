-- A KYC profile's properties that expire (issue 27): documents and certifications with a name, a
-- kind and an expiry date. They go with their profile when the retention deletes it for good.
create table profile_properties (
  id          text primary key,
  org_id      text not null references organizations (id),
  profile_id  text not null references profiles (id) on delete cascade,
  kind        text not null check (kind in ('DOCUMENT', 'CERTIFICATION')),
  name        text not null,
  expires_at  date not null,
  created_at  timestamp with time zone not null
);

create index profile_properties_profile on profile_properties (profile_id);
-- expiring-properties' scan: an organization's properties by date
create index profile_properties_org_expiry on profile_properties (org_id, expires_at);

-- The thresholds (30, 14, 7 days) a property's profile.property.expiring event covered, as
-- contact_document_notices does for contacts' documents.
create table profile_property_notices (
  property_id  text not null references profile_properties (id) on delete cascade,
  org_id       text not null references organizations (id),
  threshold    integer not null check (threshold in (30, 14, 7)),
  event_id     text not null,
  created_at   timestamp with time zone not null,
  primary key (property_id, threshold)
);
