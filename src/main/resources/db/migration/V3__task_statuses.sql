-- Task statuses as data (seed 000 section 4.2), per company: names, allowed transitions,
-- comment requirement, automatic completion percentage, colour. The six codes are the ones the
-- task-lifecycle process knows; companies configure how they behave.
create table task_statuses (
    id                       uuid primary key,
    company_id               uuid         not null references companies (id),
    status_code              varchar(20)  not null,
    status_name              varchar(50)  not null,
    description              text,
    status_type              varchar(20)  not null check (status_type in ('open', 'active', 'paused', 'closed')),
    is_active                boolean      not null default true,
    is_default               boolean      not null default false,
    is_terminal              boolean      not null default false,
    next_statuses            jsonb        not null default '[]'::jsonb,
    requires_comment         boolean      not null default false,
    auto_complete_percentage integer check (auto_complete_percentage between 0 and 100),
    color                    varchar(7) check (color ~ '^#[0-9a-fA-F]{6}$'),
    icon                     varchar(50),
    created_at               timestamptz  not null default now(),
    updated_at               timestamptz  not null default now(),
    version                  bigint       not null default 0,
    unique (company_id, status_code)
);
create unique index uq_task_statuses_default on task_statuses (company_id) where is_default;
