-- Outgoing webhooks per company. The signing secret is stored encrypted (AES-GCM), never shown again.
create table webhook_subscriptions (
    id               uuid primary key,
    company_id       uuid          not null references companies (id),
    url              varchar(2000) not null,
    event_types      varchar(500)  not null,
    active           boolean       not null default true,
    secret_encrypted varchar(500)  not null,
    created_by       uuid          not null references users (id),
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    version          bigint        not null default 0
);
create index idx_webhook_subscriptions_company on webhook_subscriptions (company_id);

-- The transactional outbox: one row per event and matching subscription, inserted in the
-- transaction of the change. seq orders the events of a task; the dispatcher sends the oldest
-- pending row of each (subscription, task) only.
create table webhook_deliveries (
    id               uuid primary key,
    seq              bigint generated always as identity unique,
    subscription_id  uuid         not null references webhook_subscriptions (id) on delete cascade,
    company_id       uuid         not null references companies (id),
    event_id         uuid         not null,
    event_type       varchar(50)  not null,
    task_id          uuid         not null,
    payload          text         not null,
    status           varchar(20)  not null check (status in ('pending', 'delivered')),
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz  not null,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       varchar(1000),
    delivered_at     timestamptz,
    created_at       timestamptz  not null,
    unique (subscription_id, event_id)
);
create index idx_webhook_deliveries_due on webhook_deliveries (next_attempt_at, seq) where status = 'pending';
create index idx_webhook_deliveries_task on webhook_deliveries (subscription_id, task_id, seq) where status = 'pending';
create index idx_webhook_deliveries_log on webhook_deliveries (subscription_id, seq desc);
