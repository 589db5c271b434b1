-- Scheduled reports (issue 28): per organization, weekly or monthly reports of a kind (webhook
-- deliveries, emails, usage) built as a CSV file by the cron job scheduled-reports once per
-- period, and announced to the schedule's members by report.ready with a signed link that expires.

create table report_schedules (
  id             text primary key,
  org_id         text not null references organizations (id),
  -- a registered ReportSource's kind (deliveries, emails, usage), checked by the API
  kind           text not null,
  period         text not null check (period in ('WEEKLY', 'MONTHLY')),
  -- member ids; an erased member leaves the list
  recipient_ids  text[] not null,
  created_at     timestamp with time zone not null
);
create index report_schedules_org on report_schedules (org_id, created_at desc, id desc);

create table reports (
  id             text primary key,
  org_id         text not null references organizations (id),
  -- null once the schedule is deleted: its reports stay until they expire
  schedule_id    text references report_schedules (id) on delete set null,
  kind           text not null,
  period         text not null,
  -- the period in the organization's time zone: [period_start, period_end)
  period_start   date not null,
  period_end     date not null,
  status         text not null check (status in ('BUILDING', 'READY', 'FAILED', 'EXPIRED')),
  recipient_ids  text[] not null,
  storage_key    text,
  size_bytes     bigint,
  sha256         text,
  rows           bigint,
  failure_reason text,
  created_at     timestamp with time zone not null,
  ready_at       timestamp with time zone,
  expires_at     timestamp with time zone,
  -- when report.ready was published: a run that stopped between the two publishes it next time
  announced_at   timestamp with time zone
);
-- once per schedule and period
create unique index reports_once_per_period on reports (schedule_id, period_start) where schedule_id is not null;
create index reports_org on reports (org_id, created_at desc, id desc);
create index reports_to_expire on reports (expires_at) where status = 'READY';
