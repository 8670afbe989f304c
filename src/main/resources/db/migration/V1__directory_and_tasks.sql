-- Directory: companies are the tenants; users, teams, groups and skills are the one source of
-- truth that the Camunda engine also reads (see directory.camunda.DirectoryIdentityProvider).
create table companies (
    id          uuid primary key,
    code        varchar(50)  not null unique,
    name        varchar(200) not null,
    created_at  timestamptz  not null default now()
);

create table teams (
    id           uuid primary key,
    company_id   uuid         not null references companies (id),
    code         varchar(50)  not null,
    name         varchar(200) not null,
    lead_user_id uuid,
    created_at   timestamptz  not null default now(),
    unique (company_id, code)
);

create table users (
    id            uuid primary key,
    company_id    uuid         not null references companies (id),
    username      varchar(100) not null unique,
    display_name  varchar(200) not null,
    email         varchar(254) not null,
    password_hash varchar(100) not null,
    team_id       uuid references teams (id),
    capacity      integer      not null default 10 check (capacity >= 0),
    availability  varchar(20)  not null default 'active' check (availability in ('active', 'away')),
    is_active     boolean      not null default true,
    created_at    timestamptz  not null default now(),
    version       bigint       not null default 0
);
create index idx_users_company on users (company_id);
create index idx_users_team on users (team_id);

alter table teams add constraint fk_teams_lead foreign key (lead_user_id) references users (id);

create table user_roles (
    user_id uuid        not null references users (id) on delete cascade,
    role    varchar(20) not null check (role in ('rep', 'team_lead', 'manager', 'admin')),
    primary key (user_id, role)
);

create table user_skills (
    user_id uuid        not null references users (id) on delete cascade,
    skill   varchar(50) not null,
    primary key (user_id, skill)
);

create table directory_groups (
    id         uuid primary key,
    company_id uuid         not null references companies (id),
    code       varchar(64)  not null,
    name       varchar(200) not null,
    unique (company_id, code)
);

create table group_members (
    group_id uuid not null references directory_groups (id) on delete cascade,
    user_id  uuid not null references users (id) on delete cascade,
    primary key (group_id, user_id)
);
create index idx_group_members_user on group_members (user_id);

-- The CRM's customers as far as assignment needs them (tier); the CRM module extends this.
create table customers (
    id          uuid primary key,
    company_id  uuid         not null references companies (id),
    external_id varchar(100),
    name        varchar(200) not null,
    tier        varchar(20)  not null default 'standard',
    created_at  timestamptz  not null default now(),
    unique (company_id, external_id)
);

-- Tasks (seed 000 section 3.1) and threaded comments (section 3.2).
create table tasks (
    id                    uuid primary key,
    company_id            uuid          not null references companies (id),
    customer_id           uuid,
    contact_id            uuid,
    assigned_to_user_id   uuid references users (id),
    created_by_user_id    uuid          not null references users (id),
    updated_by_user_id    uuid references users (id),
    parent_task_id        uuid references tasks (id),
    task_title            varchar(200)  not null,
    task_description      text          not null default '',
    task_type             varchar(50)   not null,
    category              varchar(50),
    priority              varchar(20)   not null default 'normal',
    status                varchar(50)   not null default 'pending',
    completion_percentage integer       not null default 0 check (completion_percentage between 0 and 100),
    due_date              timestamptz,
    start_date            timestamptz,
    completed_date        timestamptz,
    estimated_hours       numeric(10, 2) check (estimated_hours >= 0),
    actual_hours          numeric(10, 2) check (actual_hours >= 0),
    is_recurring          boolean       not null default false,
    recurring_pattern     jsonb         not null default '{}'::jsonb,
    is_public             boolean       not null default true,
    requires_approval     boolean       not null default false,
    approval_status       varchar(50),
    approved_by_user_id   uuid references users (id),
    approved_date         timestamptz,
    approval_comment      text,
    team_id               uuid references teams (id),
    candidate_group       varchar(64),
    assignment_reason     text,
    escalation_level      integer       not null default 0,
    escalated_at          timestamptz,
    created_at            timestamptz   not null default now(),
    updated_at            timestamptz   not null default now(),
    is_deleted            boolean       not null default false,
    deleted_at            timestamptz,
    version               bigint        not null default 0,
    constraint chk_due_after_start check (due_date is null or start_date is null or due_date > start_date)
);
create index idx_tasks_company_created on tasks (company_id, created_at);
create index idx_tasks_customer on tasks (customer_id);
create index idx_tasks_contact on tasks (contact_id);
create index idx_tasks_assignee_open on tasks (assigned_to_user_id, status, due_date) where not is_deleted;
create index idx_tasks_company_status on tasks (company_id, status, priority, due_date) where not is_deleted;
create index idx_tasks_team on tasks (team_id);
create index idx_tasks_parent on tasks (parent_task_id);
create index idx_tasks_due on tasks (due_date);

create table task_comments (
    id                uuid primary key,
    task_id           uuid        not null references tasks (id),
    user_id           uuid        not null references users (id),
    parent_comment_id uuid references task_comments (id),
    comment_text      text        not null,
    comment_type      varchar(20) not null default 'comment',
    is_internal       boolean     not null default false,
    is_pinned         boolean     not null default false,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    is_deleted        boolean     not null default false,
    version           bigint      not null default 0
);
create index idx_task_comments_task on task_comments (task_id, created_at);
create index idx_task_comments_user on task_comments (user_id);
create index idx_task_comments_parent on task_comments (parent_comment_id);

-- Round-robin cursor per team: shared by all nodes, locked with SELECT ... FOR UPDATE.
create table assignment_cursors (
    team_id      uuid primary key references teams (id),
    last_user_id uuid,
    updated_at   timestamptz not null default now()
);
