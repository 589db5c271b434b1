-- V16 and V18 indexed webhook_deliveries by status. Every attempt changes a delivery's status, so
-- with status in an index no attempt's update could stay a heap-only (HOT) update: PostgreSQL wrote
-- an entry into every index of the table per attempt, and its CPU per delivery went from 1.3 to
-- 3.4 ms in the webhooks benchmark. The work views and the bulk actions read through indexes on
-- columns an attempt never changes, and filter by status as they go.
drop index webhook_deliveries_org_status;
drop index webhook_deliveries_subscription_status;
-- the pages of a bulk action: a subscription's deliveries in id order
create index webhook_deliveries_subscription_id on webhook_deliveries (subscription_id, id);
