-- An organization's API request rate, set by the operator (PUT /api/orgs/{orgId}/rate-limit): each
-- of its keys may make requests_per_second on average, and burst at once, on each host. No row:
-- the platform's default (platform.api.throttling.key-requests-per-second and key-burst).
create table api_rate_limits (
  org_id               text primary key references organizations (id),
  requests_per_second  integer not null check (requests_per_second > 0),
  burst                integer not null check (burst > 0),
  updated_at           timestamp with time zone not null
);
