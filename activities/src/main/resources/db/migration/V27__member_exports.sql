-- An export covers the organization, one contact, or one member.
alter table exports add column member_id text references members (id);
alter table exports add constraint exports_one_subject check (num_nonnulls(contact_id, member_id) <= 1);
