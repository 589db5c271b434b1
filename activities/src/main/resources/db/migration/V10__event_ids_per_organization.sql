-- A client-chosen event id is scoped to its organization: two organizations may use the same one,
-- and neither learns that the other did. external_id is that id (what the API and the webhook
-- body call the event's id); id is the platform's own key, which deliveries reference. Events
-- stored before keep their id as both.
alter table domain_events add column external_id text;
update domain_events set external_id = id;
alter table domain_events alter column external_id set not null;
create unique index domain_events_org_external on domain_events (org_id, external_id);
