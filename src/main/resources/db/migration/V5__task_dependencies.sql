-- Finish-to-start dependencies: the successor cannot start until the predecessor is completed.
create table task_dependencies (
    predecessor_id     uuid        not null references tasks (id),
    successor_id       uuid        not null references tasks (id),
    company_id         uuid        not null references companies (id),
    created_by_user_id uuid        not null references users (id),
    created_at         timestamptz not null default now(),
    primary key (predecessor_id, successor_id),
    check (predecessor_id <> successor_id)
);
create index idx_task_dependencies_successor on task_dependencies (successor_id);
