-- Task queues paused by the operator (POST /api/queues/{name}/pause): every host stops polling a
-- paused queue, so new work waits in Temporal's queue and work in flight finishes. Platform-wide.
create table task_queue_pauses (
  name       text primary key,
  paused_at  timestamp with time zone not null
);
