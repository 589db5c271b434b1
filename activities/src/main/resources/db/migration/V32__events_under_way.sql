-- The sweeper's scan of events under way (PROCESSING), which are few among all events.
create index domain_events_processing on domain_events (id) where status = 'PROCESSING';
