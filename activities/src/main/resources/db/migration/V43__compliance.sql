-- Compliance scores (issue 28): per organization, the document kinds its profiles (and contacts)
-- must have; each refresh computes a score from what is missing, expired or expiring and from
-- overdue or soon-due filings, and keeps it as a run.

create table compliance_requirements (
  org_id                  text primary key references organizations (id),
  profile_document_kinds  text[] not null default '{}',
  contact_document_kinds  text[] not null default '{}',
  updated_at              timestamp with time zone not null
);

create table compliance_runs (
  id                   text primary key,
  org_id               text not null references organizations (id),
  trigger              text not null check (trigger in ('NIGHTLY', 'MANUAL')),
  status               text not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
  score                integer,
  level                text check (level in ('GREEN', 'AMBER', 'RED')),
  -- ids and kinds only (never names): what cost points, what to do, and the counts by issue type
  issues               jsonb,
  recommendations      jsonb,
  counts               jsonb,
  failure_reason       text,
  created_at           timestamp with time zone not null,
  computed_at          timestamp with time zone,
  workflow_started_at  timestamp with time zone
);
-- one run at a time per organization: a second refresh finds the running one
create unique index compliance_runs_one_running on compliance_runs (org_id) where status = 'RUNNING';
create index compliance_runs_org on compliance_runs (org_id, created_at desc, id desc);
create index compliance_runs_unstarted on compliance_runs (created_at) where workflow_started_at is null;
