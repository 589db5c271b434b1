-- The work views (GET /api/orgs/{orgId}/webhook-deliveries and the like, newest first, by status)
-- and their counts by status read an organization's rows through these.
create index webhook_deliveries_org_created on webhook_deliveries (org_id, created_at desc, id desc);
create index webhook_deliveries_org_status on webhook_deliveries (org_id, status, created_at desc, id desc);
create index bulk_sends_org_created on bulk_sends (org_id, created_at desc, id desc);
create index exports_org_created on exports (org_id, created_at desc, id desc);
create index erasures_org_requested on erasures (org_id, requested_at desc, contact_id desc);
