-- Usage limits per organization and cycle; a null limit: unlimited. The cycle starts on the
-- anchor day (the month's last day when it has fewer days) at midnight in the organization's
-- time zone.
create table organization_limits (
  org_id                text primary key references organizations (id),
  emails                bigint check (emails >= 0),
  signature_requests    bigint check (signature_requests >= 0),
  bulk_send_recipients  bigint check (bulk_send_recipients >= 0),
  cycle_anchor_day      integer not null default 1 check (cycle_anchor_day between 1 and 31),
  updated_at            timestamp with time zone not null
);

-- One row per organization and cycle, counted as usage happens: an email when its message is
-- first claimed for sending (a bulk send's at its creation, as a reservation of all its
-- recipients), a signature request when it is created. The latest row that has started is the
-- current cycle; organization-limits starts the next one.
create table usage_cycles (
  org_id                text not null references organizations (id),
  cycle_start           timestamp with time zone not null,
  cycle_end             timestamp with time zone not null,
  emails                bigint not null default 0,
  signature_requests    bigint not null default 0,
  bulk_send_recipients  bigint not null default 0,
  primary key (org_id, cycle_start)
);

-- An email not sent because the organization's email limit for the cycle was reached.
alter table email_messages drop constraint email_messages_state;
alter table email_messages add constraint email_messages_state check
  (state in ('SENDING', 'SENT', 'FAILED', 'SUPPRESSED', 'SKIPPED_NOT_ALLOWED', 'SKIPPED_ERASED', 'SKIPPED_LIMIT'));
