-- Resend safety. One row per (key, fingerprint): the fingerprint is the sender's requestId, or a hash of the
-- normalised order when there is none. The row is claimed (inserted) before the broker is called, so across every
-- instance only one request per fingerprint reaches the broker; its answer is stored for the resends. A row whose
-- answer never arrived (status null past the wait, or outcome 'unknown') is never sent to the broker again while
-- it lives.
create table webhook_idempotency (
    key_id      bigint      not null references webhook_key (id),
    fingerprint text        not null,
    claimed_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    status      int,
    unknown     boolean     not null default false,
    answer      bytea,
    errmsg      text,
    order_id    text,
    primary key (key_id, fingerprint)
);
create index webhook_idempotency_expiry on webhook_idempotency (expires_at);

-- Rate limiting: one fixed-window counter per key, shared by every instance.
create table webhook_rate (
    key_id       bigint      primary key references webhook_key (id),
    window_start timestamptz not null,
    hits         int         not null
);

-- Optional restrictions of a key; no row (or a null column) means no restriction of that kind.
-- allowed_sources holds CIDR blocks (10.0.0.0/8, 2001:db8::/32, a bare address) or the preset name 'tradingview'.
create table webhook_key_restriction (
    key_id           bigint  primary key references webhook_key (id),
    allowed_accounts text[],
    allowed_actions  text[] check (allowed_actions <@ array['place', 'modify', 'cancel']),
    max_qty          numeric check (max_qty > 0),
    allowed_sources  text[]
);

-- Retention purges by age.
create index webhook_request_received on webhook_request (received_at);
