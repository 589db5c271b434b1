-- KYC screening (issue 27): each organization's screening provider integration, its screenings
-- (bulk profile searches), each profile's latest result and the hits found for it.

-- The organization's provider settings: its API key sealed (SecretBox, the row's org id as
-- context), its rate; FAILED once the provider refused the key, until the key is set again.
-- version counts the settings given, so a refused key is reported once per key.
create table screening_integrations (
  org_id           text primary key references organizations (id),
  api_key_sealed   text not null,
  rate_per_second  integer not null check (rate_per_second between 1 and 100),
  fuzziness        numeric(3, 2) not null check (fuzziness between 0 and 1),
  status           text not null check (status in ('ACTIVE', 'FAILED')),
  failure_reason   text,
  failed_at        timestamp with time zone,
  version          integer not null,
  created_at       timestamp with time zone not null,
  updated_at       timestamp with time zone not null
);

-- A screening: its workflow profile-search/<id> screens each of its targets once.
create table screenings (
  id                   text primary key,
  org_id               text not null references organizations (id),
  types                text[] not null,
  status               text not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED')),
  total                integer not null,
  screened             integer not null default 0,
  with_hits            integer not null default 0,
  failed               integer not null default 0,
  failure_reason       text,
  created_at           timestamp with time zone not null,
  workflow_started_at  timestamp with time zone,
  finished_at          timestamp with time zone
);

create index screenings_org_created on screenings (org_id, created_at desc, id desc);
-- the relay's scan of screenings left unstarted
create index screenings_unstarted on screenings (created_at) where workflow_started_at is null;

-- The profiles a screening screens, each with its result once screened (status no longer
-- PENDING): a batch takes the pending ones in profile order, and a retried batch skips those
-- already written, so each profile is screened once per screening.
create table screening_targets (
  screening_id  text not null references screenings (id) on delete cascade,
  profile_id    text not null references profiles (id) on delete cascade,
  org_id        text not null references organizations (id),
  status        text not null default 'PENDING' check (status in ('PENDING', 'CLEAR', 'POTENTIAL_MATCH', 'FAILED')),
  search_id     text,
  hit_count     integer,
  match_types   text[],
  screened_at   timestamp with time zone,
  primary key (screening_id, profile_id)
);

create index screening_targets_pending on screening_targets (screening_id, profile_id) where status = 'PENDING';

-- A profile's latest screening result (what monitoring follows: the provider's search id).
create table profile_screenings (
  profile_id    text primary key references profiles (id) on delete cascade,
  org_id        text not null references organizations (id),
  screening_id  text references screenings (id) on delete set null,
  search_id     text,
  status        text not null check (status in ('CLEAR', 'POTENTIAL_MATCH', 'FAILED')),
  hit_count     integer not null,
  match_types   text[] not null,
  screened_at   timestamp with time zone not null,
  updated_at    timestamp with time zone not null
);

-- The hits found for a profile, by the provider's id: a rescreen finding one again updates it,
-- never adds it twice, and keeps its disposition (FALSE_POSITIVE, TRUE_MATCH) and who gave it.
-- removed_at: the provider no longer reports it.
create table screening_hits (
  profile_id     text not null references profiles (id) on delete cascade,
  hit_id         text not null,
  org_id         text not null references organizations (id),
  search_id      text not null,
  name           text not null,
  match_types    text[] not null,
  disposition    text check (disposition in ('FALSE_POSITIVE', 'TRUE_MATCH')),
  disposed_by    text,
  disposed_at    timestamp with time zone,
  first_seen_at  timestamp with time zone not null,
  last_seen_at   timestamp with time zone not null,
  removed_at     timestamp with time zone,
  primary key (profile_id, hit_id)
);
