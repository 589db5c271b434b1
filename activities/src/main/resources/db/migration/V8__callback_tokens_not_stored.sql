-- Signaturit callback tokens are derived (HMAC of the request id with PLATFORM_CALLBACK_KEY) and
-- no longer stored. Requests created before keep authenticating with the token their provider
-- already has: only its SHA-256 stays.
alter table signature_requests add column legacy_callback_token_sha256 bytea;
update signature_requests set legacy_callback_token_sha256 = sha256(convert_to(callback_token, 'UTF8'));
alter table signature_requests drop column callback_token;
