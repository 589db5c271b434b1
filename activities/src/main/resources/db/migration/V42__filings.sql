-- Filings (issue 28): an organization's tax and regulatory filings with a due date, a status and
-- assignees (members), and the reminders the cron job filing-reminders sent of them.

alter table members drop constraint members_role_check;
alter table members add constraint members_role_check
  check (role in ('ADMIN', 'MANAGER', 'COMPLIANCE', 'MEMBER', 'TAX_PREPARER'));

create table filings (
  id            text primary key,
  org_id        text not null references organizations (id),
  title         text not null,
  kind          text not null,
  due_date      date not null,
  status        text not null check (status in ('DRAFT', 'PREPARED', 'FILED')),
  -- members of the organization, notified of the filing's reminders whatever their role
  assignee_ids  text[] not null default '{}',
  created_at    timestamp with time zone not null,
  updated_at    timestamp with time zone not null
);
create index filings_org on filings (org_id, due_date, id);
-- the reminders' scan: open filings by due date
create index filings_open on filings (org_id, due_date) where status <> 'FILED';

-- Which reminder thresholds (14, 7, 3 days) were published for a filing's due date: a threshold
-- covers the farther ones, and a new due date starts afresh.
create table filing_notices (
  filing_id   text not null references filings (id) on delete cascade,
  org_id      text not null references organizations (id),
  due_date    date not null,
  threshold   integer not null,
  event_id    text not null,
  created_at  timestamp with time zone not null,
  primary key (filing_id, due_date, threshold)
);
