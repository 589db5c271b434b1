-- Organizations, webhook subscriptions, domain events, deliveries and their attempts.
-- Tables are created unqualified: Flyway runs with the platform schema (platform.db.schema) as default schema.

create table organizations (
  id          text primary key,
  name        text not null,
  created_at  timestamp with time zone not null default current_timestamp
);

create table webhook_subscriptions (
  id                    text primary key,
  org_id                text not null references organizations (id),
  url                   text not null,
  secret                text not null,
  enabled               boolean not null default true,
  disabled_reason       text,
  disabled_at           timestamp with time zone,
  consecutive_failures  integer not null default 0,
  created_at            timestamp with time zone not null default current_timestamp
);

create index webhook_subscriptions_org on webhook_subscriptions (org_id);

create table webhook_subscription_event_types (
  subscription_id  text not null references webhook_subscriptions (id) on delete cascade,
  event_type       text not null,
  primary key (subscription_id, event_type)
);

create index webhook_subscription_event_types_type on webhook_subscription_event_types (event_type);

create table domain_events (
  id          text primary key,
  org_id      text not null references organizations (id),
  type        text not null,
  payload     jsonb not null,
  created_at  timestamp with time zone not null default current_timestamp
);

create index domain_events_org_created on domain_events (org_id, created_at);

-- One row per (event, subscription). workflow_started_at stays null until Temporal accepted the
-- workflow start: the relay sweep starts what a failed publish left behind.
create table webhook_deliveries (
  id                   text primary key,
  event_id             text not null references domain_events (id),
  subscription_id      text not null references webhook_subscriptions (id),
  status               text not null,
  attempts             integer not null default 0,
  next_attempt_at      timestamp with time zone,
  last_error           text,
  workflow_started_at  timestamp with time zone,
  created_at           timestamp with time zone not null default current_timestamp,
  updated_at           timestamp with time zone not null default current_timestamp,
  constraint webhook_deliveries_event_subscription unique (event_id, subscription_id)
);

create index webhook_deliveries_unstarted on webhook_deliveries (created_at) where workflow_started_at is null;

-- One row per attempt. attempt_key names the activity execution that made it (workflow run and
-- activity id): a retried activity finds the attempt it already recorded instead of sending again.
create table webhook_attempts (
  delivery_id       text not null references webhook_deliveries (id),
  number            integer not null,
  attempt_key       text not null unique,
  outcome           text not null,
  started_at        timestamp with time zone not null,
  duration_ms       integer not null,
  status_code       integer,
  error             text,
  response_excerpt  text,
  primary key (delivery_id, number)
);
