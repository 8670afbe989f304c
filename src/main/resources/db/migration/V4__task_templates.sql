-- Task templates (seed 000 section 4.1), per company.
create table task_templates (
    id                      uuid primary key,
    company_id              uuid           not null references companies (id),
    template_name           varchar(200)   not null,
    template_code           varchar(20)    not null,
    description             text,
    task_type               varchar(50)    not null,
    category                varchar(50),
    default_priority        varchar(20)    not null default 'normal',
    title_template          varchar(200)   not null,
    description_template    text           not null default '',
    is_active               boolean        not null default true,
    is_public               boolean        not null default true,
    requires_approval       boolean        not null default false,
    default_estimated_hours numeric(10, 2) check (default_estimated_hours >= 0),
    default_due_date_offset integer check (default_due_date_offset >= 0),
    auto_assignment         boolean        not null default true,
    default_assignee_role   varchar(50),
    created_by_user_id      uuid references users (id),
    created_at              timestamptz    not null default now(),
    updated_at              timestamptz    not null default now(),
    version                 bigint         not null default 0,
    unique (company_id, template_code)
);
create index idx_task_templates_type on task_templates (company_id, task_type, is_active);
