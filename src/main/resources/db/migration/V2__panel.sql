-- Panel logins. A session token is random (256 bits) and only its SHA-256 is stored, like a webhook secret.
create table user_session (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references app_user (id),
    token_hash bytea       not null unique,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index user_session_user on user_session (user_id);

-- Login throttling: after too many failed passwords in a row a login is refused for a while.
alter table app_user
    add column failed_logins       int not null default 0,
    add column login_blocked_until timestamptz;
