-- A key its owner paused answers 403 until resumed (issue 19). The key cache's update trigger (V5) fires only when
-- one of the columns it names changes, so it is recreated to name paused_at too: a pause reaches every instance at
-- once, like a delete.
alter table webhook_key add column paused_at timestamptz;

drop trigger webhook_key_updated on webhook_key;
-- not on last_used_at, which the webhook path itself updates
create trigger webhook_key_updated after update on webhook_key
    for each row when ((old.api_key, old.user_id, old.secret_hash, old.expires_at, old.deleted_at, old.paused_at)
                       is distinct from (new.api_key, new.user_id, new.secret_hash, new.expires_at, new.deleted_at,
                                         new.paused_at))
    execute function tradehook_key_changed();
