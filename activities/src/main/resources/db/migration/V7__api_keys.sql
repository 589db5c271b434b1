-- Organization API keys. Only the SHA-256 of a key is stored: the key itself is shown once, when
-- created. A fast hash is enough for 256 random bits and keeps authentication to one lookup.
create table api_keys (
  id            text primary key,
  org_id        text not null references organizations (id),
  name          text not null,
  key_sha256    bytea not null unique,
  created_at    timestamp with time zone not null default current_timestamp,
  -- written at most once a minute per key, not on every request
  last_used_at  timestamp with time zone,
  revoked_at    timestamp with time zone
);

create index api_keys_org on api_keys (org_id, created_at);
