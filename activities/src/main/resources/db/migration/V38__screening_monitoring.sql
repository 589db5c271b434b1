-- Ongoing monitoring of screened profiles (issue 27): the provider reports changes of a monitored
-- search by callback, and the hourly job screening-monitor polls those not checked for a while.
-- Adverse-media monitoring rescreens a profile for adverse media at 03:00 in its organization's
-- time zone (the job adverse-media-monitor, through a screening of kind ADVERSE_MEDIA).
alter table profile_screenings
  add column monitored boolean not null default false,
  add column monitor_checked_at timestamp with time zone,
  add column adverse_media_monitored boolean not null default false;

-- screening-monitor's scan: monitored searches by when they were last checked
create index profile_screenings_monitored on profile_screenings (monitor_checked_at) where monitored;

alter table screenings
  add column kind text not null default 'SEARCH' check (kind in ('SEARCH', 'ADVERSE_MEDIA'));

-- adverse-media-monitor: the organization's local date it last started its nightly rescreen
alter table screening_integrations add column adverse_media_checked_on date;
