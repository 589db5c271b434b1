-- Email to members: a message addresses a contact or a member, never both, with the same dedupe
-- key, suppressions, allow-list, rate limit and log as a contact's.
alter table email_messages alter column contact_id drop not null;
alter table email_messages add column member_id text references members (id);
alter table email_messages add constraint email_messages_one_recipient check (num_nonnulls(contact_id, member_id) = 1);
create index email_messages_member on email_messages (member_id) where member_id is not null;

-- One notification per (event, member), whatever number of times the handler runs; a status per
-- channel: PENDING until done, SENT, FAILED, or SKIPPED (a channel the member did not choose, or
-- an email the email capability decided not to send). Ids only: what the event is about is read
-- from the event.
create table notifications (
  id              text primary key,
  org_id          text not null references organizations (id),
  member_id       text not null references members (id),
  -- the platform's key of the event (domain_events.id) and the organization's id for it
  event_ref       text not null,
  event_id        text not null,
  event_type      text not null,
  entity_id       text,
  -- one line about the event, made of ids and the event's own values (no personal data)
  title           text not null,
  in_app_status   text not null,
  email_status    text not null,
  digest_status   text not null,
  -- the digest window (its start) that took this notification: set before the digest is sent
  digest_window   timestamp with time zone,
  created_at      timestamp with time zone not null,
  read_at         timestamp with time zone,
  constraint notifications_once unique (event_ref, member_id),
  constraint notifications_in_app check (in_app_status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
  constraint notifications_email check (email_status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
  constraint notifications_digest check (digest_status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED'))
);

-- A member's in-app list, newest first (all, or unread only).
create index notifications_member_list on notifications (member_id, created_at desc, id desc) where in_app_status = 'SENT';
create index notifications_member_unread on notifications (member_id, created_at desc, id desc)
  where in_app_status = 'SENT' and read_at is null;
-- The digest job's work: pending digest notifications, by member.
create index notifications_digest_pending on notifications (member_id, created_at) where digest_status = 'PENDING';
-- The cleanup's scan by age.
create index notifications_created on notifications (created_at);
