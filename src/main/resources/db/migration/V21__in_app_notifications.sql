-- In-app notifications: one row per recipient, written in the transaction of the change that
-- caused it (assignment, mention, reminder, escalation, approval).
create table notifications (
    id                uuid primary key,
    company_id        uuid         not null references companies (id),
    recipient_user_id uuid         not null references users (id),
    type              varchar(50)  not null,
    subject_id        uuid         not null,
    message           varchar(500) not null,
    created_at        timestamptz  not null,
    read_at           timestamptz
);
create index idx_notifications_recipient on notifications (recipient_user_id, created_at desc);
create index idx_notifications_unread on notifications (recipient_user_id) where read_at is null;
