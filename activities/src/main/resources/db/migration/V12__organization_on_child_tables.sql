-- Every row that belongs to one organization names it, child rows included, so that every query
-- can filter by it and no join can lead across organizations. Filled from the parent rows here,
-- and by the code on every insert from now on.
alter table webhook_subscription_event_types add column org_id text references organizations (id);
update webhook_subscription_event_types t set org_id = s.org_id from webhook_subscriptions s where s.id = t.subscription_id;
alter table webhook_subscription_event_types alter column org_id set not null;

alter table webhook_deliveries add column org_id text references organizations (id);
update webhook_deliveries d set org_id = e.org_id from domain_events e where e.id = d.event_id;
alter table webhook_deliveries alter column org_id set not null;

alter table webhook_attempts add column org_id text references organizations (id);
update webhook_attempts a set org_id = d.org_id from webhook_deliveries d where d.id = a.delivery_id;
alter table webhook_attempts alter column org_id set not null;

alter table bulk_send_recipients add column org_id text references organizations (id);
update bulk_send_recipients r set org_id = b.org_id from bulk_sends b where b.id = r.bulk_send_id;
alter table bulk_send_recipients alter column org_id set not null;

alter table signature_signers add column org_id text references organizations (id);
update signature_signers s set org_id = r.org_id from signature_requests r where r.id = s.signature_request_id;
alter table signature_signers alter column org_id set not null;

alter table signature_events add column org_id text references organizations (id);
update signature_events e set org_id = r.org_id from signature_requests r where r.id = e.signature_request_id;
alter table signature_events alter column org_id set not null;

-- SES events name the organization whose message they are about; an event about no message the
-- platform knows (none of ours) names none.
alter table email_events add column org_id text references organizations (id);
update email_events e set org_id = m.org_id from email_messages m where m.ses_message_id = e.ses_message_id;
create index email_events_org on email_events (org_id, id);
