-- A member's own choice of channels per notifying event type; a type without a row follows the
-- defaults of the member's role (configuration). An empty array: no notification of that type.
create table member_notification_preferences (
  member_id   text not null references members (id),
  org_id      text not null references organizations (id),
  event_type  text not null,
  channels    text[] not null,
  primary key (member_id, event_type)
);
