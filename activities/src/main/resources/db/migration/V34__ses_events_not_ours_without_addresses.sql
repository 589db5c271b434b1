-- SES events about messages that are not the platform's (no organization) kept the recipient's
-- address and the raw event for ever: no erasure or export finds them. New ones keep only the
-- address's keyed hash and what identifies the event; the old ones keep what identifies them.
update email_events
set recipient = 'not-ours-' || id,
    raw = jsonb_build_object('eventType', notification_type, 'mail', jsonb_build_object('messageId', ses_message_id))
where org_id is null;
