-- The example capability of docs/extending.md: a table of its own, naming its organization.
create table example_notes (
  id         text primary key,
  org_id     text not null references organizations (id),
  body       text not null,
  created_at timestamp with time zone not null default current_timestamp
);

create index example_notes_org on example_notes (org_id, created_at);
