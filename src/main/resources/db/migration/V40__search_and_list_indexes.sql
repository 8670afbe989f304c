-- Performance at 1,000,000 tasks (docs/performance.md).
--
-- 1. Full-text search. V6's task_matches(id, query) ran two sub-queries per candidate row, so a
--    search read every task of the company and could not use the GIN index. Comments now feed
--    the task's own search_vector: comment_search holds the tsvector of the task's live
--    comments (kept by a trigger on task_comments), and search_vector is title, description
--    and comments together. A search is one GIN-indexed predicate:
--    search_vector @@ websearch_to_tsquery('simple', q). Semantics as before: title,
--    description and non-deleted comments, web-search syntax, 'simple' configuration.
alter table tasks add column comment_search tsvector not null default ''::tsvector;

update tasks t
   set comment_search = c.doc
  from (select task_id, to_tsvector('simple', string_agg(comment_text, ' ' order by created_at)) as doc
          from task_comments where not is_deleted group by task_id) c
 where c.task_id = t.id;

drop index idx_tasks_search;
alter table tasks drop column search_vector;
alter table tasks add column search_vector tsvector
    generated always as (
        to_tsvector('simple', coalesce(task_title, '') || ' ' || coalesce(task_description, '')) || comment_search
    ) stored;
create index idx_tasks_search on tasks using gin (search_vector);
-- the per-comment expression index only served task_matches
drop index idx_task_comments_search;

create function task_comments_refresh_search() returns trigger language plpgsql as $$
declare
    affected uuid;
begin
    for affected in
        select distinct x from unnest(array[
            case when tg_op in ('INSERT', 'UPDATE') then new.task_id end,
            case when tg_op in ('UPDATE', 'DELETE') then old.task_id end]) as x where x is not null
    loop
        update tasks
           set comment_search = coalesce(
                   (select to_tsvector('simple', string_agg(comment_text, ' ' order by created_at))
                      from task_comments where task_id = affected and not is_deleted),
                   ''::tsvector)
         where id = affected;
    end loop;
    return null;
end
$$;

create trigger trg_task_comments_search
    after insert or delete or update of comment_text, is_deleted, task_id on task_comments
    for each row execute function task_comments_refresh_search();

-- The list's search predicate. An SQL function of one expression is inlined by the planner, so
-- the @@ operator (and with it the GIN index) is visible to it; the JPA criteria call this.
create function task_text_matches(p_vector tsvector, p_query text) returns boolean
    language sql stable as $$ select p_vector @@ websearch_to_tsquery('simple', p_query) $$;

drop function task_matches(uuid, text);

-- 2. The inbox: one assignee's tasks of a status by due date, with the list's tie-breakers
--    (created_at, id), so a page of 50 is read from the index in order without sorting.
drop index idx_tasks_assignee_open;
create index idx_tasks_assignee_open on tasks (assigned_to_user_id, status, due_date, created_at, id) where not is_deleted;

-- 3. The filtered list of a customer's tasks (status, priority, due range), in due date order.
create index idx_tasks_customer_status on tasks (customer_id, status, priority, due_date) where not is_deleted;
