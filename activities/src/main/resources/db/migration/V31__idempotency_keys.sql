-- Idempotency-Key of the API's creating routes: the first answer to a key, replayed to a retry
-- with the same request within platform.api.idempotency.ttl (24 h), then deleted. A row without
-- a status is a request still running (or one whose process died: locked_until ends that).
create table idempotency_keys (
  org_id          text not null references organizations (id),
  key             text not null,
  request_sha256  bytea not null,
  created_at      timestamp with time zone not null,
  locked_until    timestamp with time zone,
  status          integer,
  content_type    text,
  location        text,
  body            bytea,
  primary key (org_id, key)
);

-- the hourly cleanup deletes expired keys by age
create index idempotency_keys_created on idempotency_keys (created_at);
