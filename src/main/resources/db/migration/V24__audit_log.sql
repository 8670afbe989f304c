-- The audit trail (S4): every change, transition, assignment, deletion and failed login, with
-- actor, company, entity, field changes, reason, request id, IP and time. Append-only, enforced
-- by the database itself: no update, delete or truncate, whoever asks.
create table audit_log (
    id             uuid primary key,
    occurred_at    timestamptz  not null,
    company_id     uuid references companies (id),
    actor_user_id  uuid,
    actor_username varchar(100),
    action         varchar(30)  not null,
    entity_type    varchar(50)  not null,
    entity_id      varchar(100),
    changes        jsonb        not null default '[]'::jsonb,
    reason         text,
    request_id     varchar(100),
    ip             varchar(64)
);
create index idx_audit_company_time on audit_log (company_id, occurred_at desc);
create index idx_audit_entity on audit_log (entity_type, entity_id);

create function forbid_audit_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function forbid_audit_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function forbid_audit_change();
