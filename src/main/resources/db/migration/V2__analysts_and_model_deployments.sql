-- Analysts own the models: they read the generated model pages.
alter table user_roles drop constraint user_roles_role_check;
alter table user_roles add constraint user_roles_role_check
    check (role in ('rep', 'team_lead', 'manager', 'admin', 'analyst'));

-- Every model deployment (and refusal, and instance migration): who, which files, which versions.
create table model_deployments (
    id            uuid primary key,
    occurred_at   timestamptz  not null default now(),
    actor         varchar(100) not null,
    source        varchar(50)  not null,
    outcome       varchar(20)  not null check (outcome in ('deployed', 'unchanged', 'refused', 'migrated')),
    deployment_id varchar(64),
    files         jsonb        not null default '[]'::jsonb,
    versions      jsonb        not null default '{}'::jsonb,
    problems      jsonb        not null default '[]'::jsonb
);
create index idx_model_deployments_time on model_deployments (occurred_at desc);

-- Append-only, enforced by the database rather than by application discipline.
create function forbid_model_deployment_change() returns trigger language plpgsql as $$
begin
    raise exception 'model_deployments is append-only';
end;
$$;
create trigger model_deployments_append_only
    before update or delete on model_deployments
    for each row execute function forbid_model_deployment_change();
create trigger model_deployments_no_truncate
    before truncate on model_deployments
    for each statement execute function forbid_model_deployment_change();
