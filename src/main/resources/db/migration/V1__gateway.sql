-- Gateway users: they log in to manage keys; webhook requests never carry their password.
create table app_user (
    id            bigint generated always as identity primary key,
    login         text        not null unique,
    password_hash text        not null,
    created_at    timestamptz not null default now()
);

-- Products a user is subscribed to; webhook trading needs an active TRADING_WEBHOOKS subscription.
create table product_subscription (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references app_user (id),
    product    text        not null,
    starts_at  timestamptz not null default now(),
    ends_at    timestamptz,
    check (ends_at is null or ends_at > starts_at)
);
create index product_subscription_user on product_subscription (user_id, product);

-- Trading accounts; accountName in a webhook body names one of these.
create table trading_account (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references app_user (id),
    name       text        not null unique,
    created_at timestamptz not null default now()
);
create index trading_account_user on trading_account (user_id);

-- Webhook keys. The secret itself is never stored: only its SHA-256.
create table webhook_key (
    id           bigint generated always as identity primary key,
    user_id      bigint      not null references app_user (id),
    name         text        not null,
    api_key      text        not null unique,
    secret_hash  bytea       not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    deleted_at   timestamptz,
    last_used_at timestamptz
);
create index webhook_key_user on webhook_key (user_id) where deleted_at is null;

-- Orders of the built-in paper broker. The order's fields are kept as sent (normalised) in jsonb.
create table paper_order (
    id         bigint generated always as identity primary key,
    account_id bigint      not null references trading_account (id),
    status     text        not null check (status in ('working', 'filled', 'cancelled')),
    fields     jsonb       not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index paper_order_account on paper_order (account_id);

-- One row per webhook request, accepted or refused, with its outcome. Never the secret.
create table webhook_request (
    id             bigint generated always as identity primary key,
    received_at    timestamptz not null,
    api_key        text,
    key_id         bigint references webhook_key (id),
    user_id        bigint references app_user (id),
    action         text,
    account_name   text,
    status         int         not null,
    outcome        text        not null,
    errmsg         text,
    order_id       text,
    latency_ms     int         not null,
    source_address text
);
create index webhook_request_user on webhook_request (user_id, received_at desc);
create index webhook_request_key on webhook_request (key_id, received_at desc);
