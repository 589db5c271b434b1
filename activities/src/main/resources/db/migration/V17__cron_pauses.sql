-- Cron jobs paused through POST /api/cron/{name}/pause: the registrar on every host stops a
-- paused job's workflow and does not start it again until POST /api/cron/{name}/resume.
create table cron_pauses (
  job        text primary key,
  paused_at  timestamp with time zone not null
);
