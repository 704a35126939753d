-- The rows every place writes check no foreign key (README: Performance). Each check is a lookup and a row lock on
-- the parent, run once per row: for a group of 12 places, 48 of them, about a fifth of PostgreSQL's CPU per place.
-- The ids come from the rows the gateway has just read (the key and its owner authenticated, the account named), and
-- nothing deletes a key, a user or an account: a key is revoked by its deleted_at. Their other tables keep theirs.
-- The request log and the claims refer to keys by id and keep their rows should one be removed by hand; the request
-- history already joins its key as optional (left join).
alter table webhook_request drop constraint webhook_request_key_id_fkey,
                            drop constraint webhook_request_user_id_fkey;
alter table webhook_idempotency drop constraint webhook_idempotency_key_id_fkey;
alter table paper_order drop constraint paper_order_account_id_fkey;
-- Only the foreign key's checks on a parent's delete read it; the paper broker finds an order by its id.
drop index paper_order_account;
