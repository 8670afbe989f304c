-- One row per run of a Quartz job on any node: which job, which node, for which scheduled fire
-- time, when it started and ended and how. Operators see when scheduled work last ran; in a
-- cluster each scheduled fire time of a job runs on one node only (Quartz's clustered store).
create table scheduled_job_runs (
    id                  bigserial    primary key,
    job_name            varchar(400) not null,
    node                varchar(200) not null,
    scheduler_instance  varchar(200) not null,
    scheduled_fire_time timestamptz,
    started_at          timestamptz  not null,
    finished_at         timestamptz,
    outcome             varchar(20)  not null check (outcome in ('running', 'succeeded', 'failed')),
    error               text
);
create index idx_scheduled_job_runs_job on scheduled_job_runs (job_name, started_at desc);
create index idx_scheduled_job_runs_started on scheduled_job_runs (started_at);
