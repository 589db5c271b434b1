-- Per-organization flow limits (issue 29), set by the operator and readable by the organization.
-- The first: the organization's share of the global email rate (1 or no row: the whole rate).

create table flow_limits (
  org_id            text primary key references organizations (id),
  email_rate_share  numeric(4, 3) check (email_rate_share > 0 and email_rate_share <= 1),
  updated_at        timestamp with time zone not null
);
