-- An operator's action on many deliveries of one subscription (redeliver the failed ones of a
-- period, cancel the waiting ones), run by the workflow webhook-bulk-action/<id>; its progress is
-- kept here so that GET /api/orgs/{orgId}/webhook-bulk-actions/{id} reads it without Temporal.
create table webhook_bulk_actions (
  id                   text primary key,
  org_id               text not null references organizations (id),
  subscription_id      text not null,
  kind                 text not null,
  since                timestamp with time zone,
  until                timestamp with time zone,
  status               text not null,
  total                bigint not null,
  applied              bigint not null default 0,
  skipped              bigint not null default 0,
  through_delivery_id  text,
  created_at           timestamp with time zone not null,
  finished_at          timestamp with time zone,
  constraint webhook_bulk_actions_kind check (kind in ('REDELIVER_FAILED', 'CANCEL_WAITING')),
  constraint webhook_bulk_actions_status check (status in ('RUNNING', 'COMPLETED'))
);

create index webhook_bulk_actions_org on webhook_bulk_actions (org_id, created_at desc);
-- The deliveries of one subscription by status, in id order: the pages of an action. It serves
-- what the index on subscription_id alone served, which it replaces (one index more per delivery
-- write is what the webhook path pays for, so none is added).
create index webhook_deliveries_subscription_status on webhook_deliveries (subscription_id, status, id);
drop index webhook_deliveries_subscription;
