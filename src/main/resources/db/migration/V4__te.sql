-- Orders placed through the TE broker, one row per attempt, written BEFORE the request leaves. A timeout after
-- sending leaves the row 'unknown': such an order is never sent again automatically, and an identical order
-- (same key, account and TE fields) is held back while it is unknown. request_id goes to TE as requestId.
create table te_order_attempt (
    id            bigint generated always as identity primary key,
    request_id    uuid        not null unique,
    key_id        bigint      references webhook_key (id),
    account_name  text        not null,
    te_account_id text        not null,
    fingerprint   bytea       not null,
    outcome       text        not null check (outcome in ('unknown', 'placed', 'rejected', 'failed')),
    te_order_id   text,
    errmsg        text,
    created_at    timestamptz not null default now(),
    settled_at    timestamptz
);
create index te_order_attempt_fingerprint on te_order_attempt (fingerprint, created_at desc);
-- modify and cancel reach only orders placed through the gateway on the account named
create index te_order_attempt_order on te_order_attempt (account_name, te_order_id) where te_order_id is not null;
