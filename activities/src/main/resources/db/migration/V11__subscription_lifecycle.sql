-- Webhook subscriptions can be changed, deleted (softly: the row stays for its deliveries'
-- history, but gets no new deliveries and its waiting deliveries end CANCELLED) and have their
-- secret rotated: for an overlap period requests carry a signature with the previous secret too.
alter table webhook_subscriptions add column deleted_at timestamp with time zone;
alter table webhook_subscriptions add column previous_secret text;
alter table webhook_subscriptions add column previous_secret_until timestamp with time zone;
alter table webhook_subscriptions add column updated_at timestamp with time zone;

create index webhook_subscriptions_org_created on webhook_subscriptions (org_id, created_at desc, id desc)
  where deleted_at is null;
-- Deleting a subscription finds its deliveries by it. Not a partial index on status: status changes
-- on every attempt, and a column in an index's predicate would make those updates non-HOT.
create index webhook_deliveries_subscription on webhook_deliveries (subscription_id);
