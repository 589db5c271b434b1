-- One row per run of a cron job (scheduled or manual): what GET /api/cron reads, since the
-- embedded Temporal server has no visibility queries.
create table cron_runs (
  run_id       text primary key,
  workflow_id  text not null,
  job          text not null,
  outcome      text not null,
  counts       jsonb,
  error        text,
  started_at   timestamp with time zone not null,
  finished_at  timestamp with time zone,
  constraint cron_runs_outcome check (outcome in ('RUNNING', 'SUCCEEDED', 'FAILED'))
);

create index cron_runs_job on cron_runs (job, started_at desc);

-- The schedule each job's cron workflow was started with, read back at start-up to decide
-- whether the running workflow is kept or replaced. (The memo holds it too, for the Web UI, but
-- the embedded test server does not carry a memo over to the next cron run.)
create table cron_registrations (
  job            text primary key,
  workflow_id    text not null,
  schedule       text not null,
  time_zone      text not null,
  input          jsonb not null,
  registered_at  timestamp with time zone not null
);
