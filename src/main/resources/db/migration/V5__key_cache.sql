-- Every gateway instance keeps the keys it has looked up in memory (KeyCache). These triggers tell all of them what
-- changed, on channel tradehook_keys, when the change commits: 'key:<api key>' for one key (the key itself, its
-- restrictions), 'user:<user id>' for what all keys of a user share (accounts, subscriptions), '*' for a truncate.
-- Identical notifications of one transaction are delivered once.

create function tradehook_key_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('tradehook_keys', 'key:' || api_key)
       from unnest(array[old.api_key, new.api_key]) as api_key where api_key is not null;
    return null;
end $$;

create function tradehook_key_restriction_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('tradehook_keys', 'key:' || k.api_key)
       from webhook_key k where k.id in (old.key_id, new.key_id);
    return null;
end $$;

create function tradehook_user_keys_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('tradehook_keys', 'user:' || user_id)
       from unnest(array[old.user_id, new.user_id]) as user_id where user_id is not null;
    return null;
end $$;

create function tradehook_all_keys_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('tradehook_keys', '*');
    return null;
end $$;

create trigger webhook_key_inserted_or_deleted after insert or delete on webhook_key
    for each row execute function tradehook_key_changed();
-- not on last_used_at, which the webhook path itself updates
create trigger webhook_key_updated after update on webhook_key
    for each row when ((old.api_key, old.user_id, old.secret_hash, old.expires_at, old.deleted_at)
                       is distinct from (new.api_key, new.user_id, new.secret_hash, new.expires_at, new.deleted_at))
    execute function tradehook_key_changed();
create trigger webhook_key_truncated after truncate on webhook_key
    for each statement execute function tradehook_all_keys_changed();

create trigger webhook_key_restriction_changed after insert or update or delete on webhook_key_restriction
    for each row execute function tradehook_key_restriction_changed();
create trigger webhook_key_restriction_truncated after truncate on webhook_key_restriction
    for each statement execute function tradehook_all_keys_changed();

create trigger trading_account_changed after insert or update or delete on trading_account
    for each row execute function tradehook_user_keys_changed();
create trigger trading_account_truncated after truncate on trading_account
    for each statement execute function tradehook_all_keys_changed();

create trigger product_subscription_changed after insert or update or delete on product_subscription
    for each row execute function tradehook_user_keys_changed();
create trigger product_subscription_truncated after truncate on product_subscription
    for each statement execute function tradehook_all_keys_changed();
