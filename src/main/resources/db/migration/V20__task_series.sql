-- Recurring task series (RFC 5545 RRULE with DTSTART and a time zone). Each series has one
-- task-recurrence process instance (business key = series id) that creates its occurrences as
-- ordinary tasks; this row is the series' whole state besides that instance's timer job.
create table task_series (
    id                  uuid primary key,
    company_id          uuid         not null references companies (id),
    created_by_user_id  uuid         not null references users (id),
    updated_by_user_id  uuid references users (id),
    template            jsonb        not null,
    due_after           varchar(50),
    rrule               varchar(1000) not null,
    dtstart             timestamp    not null,
    time_zone           varchar(64)  not null,
    status              varchar(20)  not null default 'active'
                                     check (status in ('active', 'stopped', 'finished')),
    occurrences_created integer      not null default 0 check (occurrences_created >= 0),
    last_occurrence_at  timestamptz,
    schedule_from       timestamptz  not null,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    version             bigint       not null default 0
);
create index idx_task_series_company_created on task_series (company_id, created_at);
