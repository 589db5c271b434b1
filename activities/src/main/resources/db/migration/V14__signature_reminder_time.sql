-- When the provider was last asked to remind the signers (or the API last accepted a request to):
-- the API answers 429 with Retry-After within platform.signatures.min-reminder-interval of it,
-- without asking the workflow.
alter table signature_requests add column last_reminder_at timestamp with time zone;
