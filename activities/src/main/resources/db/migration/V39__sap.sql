-- SAP profile polling (issue 27): each organization's SAP S/4HANA connection (its password
-- sealed), how often it is polled, and its watermark: the last change written (LastChangeDate,
-- LastChangeTime, BusinessPartner), advanced in the transaction that writes the changes.
create table sap_integrations (
  org_id                    text primary key references organizations (id),
  base_url                  text not null,
  username                  text not null,
  password_sealed           text not null,
  polling_interval_minutes  integer not null check (polling_interval_minutes between 5 and 10080),
  enabled                   boolean not null,
  watermark_date            date,
  watermark_time            time,
  watermark_partner         text,
  last_started_at           timestamp with time zone,
  created_at                timestamp with time zone not null,
  updated_at                timestamp with time zone not null
);

-- One row per sync: what it created, updated and could not read, and why it failed.
create table sap_sync_runs (
  id           text primary key,
  org_id       text not null references organizations (id),
  status       text not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
  started_at   timestamp with time zone not null,
  finished_at  timestamp with time zone,
  created      integer not null default 0,
  updated      integer not null default 0,
  failed       integer not null default 0,
  error        text
);

create index sap_sync_runs_org_started on sap_sync_runs (org_id, started_at desc, id desc);
