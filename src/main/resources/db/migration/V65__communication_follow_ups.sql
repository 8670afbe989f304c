-- One row per follow-up of a communication log (C7): the communication-follow-up process
-- instance, the follow-up task it created, the deadline, and how it ended (the customer's reply
-- is linked here). The log itself keeps follow_up_status, which guards its deletion.
create table communication_follow_ups (
    log_id              uuid primary key references communication_logs (id),
    company_id          uuid         not null references companies (id),
    thread_id           uuid references communication_threads (id),
    process_instance_id varchar(64),
    task_id             uuid,
    person_user_id      uuid references users (id),
    due_at              timestamptz  not null,
    reason              varchar(500) not null,
    escalated_at        timestamptz,
    outcome             varchar(20),
    reply_log_id        uuid references communication_logs (id),
    ended_at            timestamptz,
    created_at          timestamptz  not null,
    version             bigint       not null default 0,
    check (outcome is null or outcome in ('replied', 'task_completed', 'cancelled'))
);
create index communication_follow_ups_company_idx on communication_follow_ups (company_id, due_at);
create index communication_follow_ups_task_idx on communication_follow_ups (task_id);
create index communication_follow_ups_reply_idx on communication_follow_ups (reply_log_id);
