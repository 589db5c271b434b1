-- The relay starts events now, not deliveries: nothing reads webhook_deliveries_unstarted any more.
-- It also made every first attempt's update a non-HOT one (the attempt sets workflow_started_at,
-- which its predicate names), so that each attempt wrote an entry into every index of the table
-- (see V20 for the same effect of status indexes).
drop index webhook_deliveries_unstarted;
