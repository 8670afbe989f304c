-- Change history per task: who changed which field from what to what, when.
create table task_changes (
    id         uuid primary key,
    task_id    uuid        not null references tasks (id),
    company_id uuid        not null references companies (id),
    user_id    uuid references users (id),
    changed_at timestamptz not null,
    field      varchar(50) not null,
    old_value  text,
    new_value  text
);
create index idx_task_changes_task on task_changes (task_id, changed_at);

create table task_tags (
    task_id uuid        not null references tasks (id),
    tag     varchar(50) not null,
    primary key (task_id, tag)
);
create index idx_task_tags_tag on task_tags (tag);

create table task_watchers (
    task_id  uuid        not null references tasks (id),
    user_id  uuid        not null references users (id),
    added_at timestamptz not null default now(),
    primary key (task_id, user_id)
);
create index idx_task_watchers_user on task_watchers (user_id);

-- Full-text search over title, description and comments ('simple': no language-specific stemming,
-- CRM texts are multilingual).
alter table tasks add column search_vector tsvector
    generated always as (to_tsvector('simple', coalesce(task_title, '') || ' ' || coalesce(task_description, ''))) stored;
create index idx_tasks_search on tasks using gin (search_vector);
create index idx_task_comments_search on task_comments using gin (to_tsvector('simple', comment_text));

create function task_matches(p_task uuid, p_query text) returns boolean language sql stable as $$
    select exists (select 1 from tasks t where t.id = p_task and t.search_vector @@ websearch_to_tsquery('simple', p_query))
        or exists (select 1 from task_comments c where c.task_id = p_task and not c.is_deleted
                   and to_tsvector('simple', c.comment_text) @@ websearch_to_tsquery('simple', p_query))
$$;

create table task_attachments (
    id           uuid primary key,
    task_id      uuid         not null references tasks (id),
    company_id   uuid         not null references companies (id),
    file_name    varchar(255) not null,
    content_type varchar(100) not null,
    size_bytes   bigint       not null,
    sha256       varchar(64)  not null,
    storage_key  varchar(300) not null,
    uploaded_by  uuid         not null references users (id),
    uploaded_at  timestamptz  not null,
    is_deleted   boolean      not null default false
);
create index idx_task_attachments_task on task_attachments (task_id);

create function task_has_tag(p_task uuid, p_tag text) returns boolean language sql stable as $$
    select exists (select 1 from task_tags where task_id = p_task and tag = p_tag)
$$;
