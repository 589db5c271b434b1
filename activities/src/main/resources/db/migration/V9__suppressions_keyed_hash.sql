-- Suppressions are kept as an HMAC-SHA256 of the normalized address (key: PLATFORM_SUPPRESSION_KEY),
-- not the address: an erased contact who complained stays suppressed, and no address remains.
-- Rows written before this migration still hold their address; the worker host hashes them at
-- start-up (SuppressionList.hashLegacyRows), since only it has the key.
alter table suppressions drop constraint suppressions_pkey;
alter table suppressions alter column address drop not null;
alter table suppressions add column address_hmac bytea;
create unique index suppressions_address_hmac on suppressions (address_hmac);
create index suppressions_legacy on suppressions (address) where address is not null;
