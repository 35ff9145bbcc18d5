-- ENRICH and BACKGROUND runs of history and of live messages no reply waits for are run in batches (one job drains a
-- handler's queued runs) instead of one JobRunr job each (issue 15): 'queued' is such a run waiting for its batch,
-- and claimed_by the JobRunr id of the batch job running it, so that the job, retried after its process died, runs it
-- again.
alter table module_runs drop constraint module_runs_state_check;
alter table module_runs add constraint module_runs_state_check
    check (state in ('waiting', 'enqueued', 'queued', 'running', 'retrying', 'done', 'failed'));
alter table module_runs add column claimed_by uuid;
-- the next runs of a handler's batch: live ones first, then the oldest
create index module_runs_queued on module_runs (module_id, handler, ((event ->> 'live') = 'true') desc, created_at)
    where state = 'queued';
create index module_runs_claimed on module_runs (claimed_by) where claimed_by is not null;

-- The marks of the batch queues (settings 'embedding_queue', 'module_queue:<module>:<handler>'), turned on by a storing
-- transaction in one round trip (QueueFlags): the queues' advisory lock taken shared first, whatever the marks say, so
-- that the job turning a mark off waits for this transaction; returns the keys that were off (or absent).
create function ratchet_mark_queued(keys text[]) returns setof text language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(7302011501);
    return query
        update settings s set value = 'queued', updated_at = now()
         where s.key = any(keys) and (s.value <> 'queued' or s.updated_at < now() - interval '10 seconds')
        returning s.key;
    -- a queue's first mark (a handler's, say) is made on: the caller enqueues its job
    return query
        insert into settings (key, value)
        select k, 'queued' from unnest(keys) as k where not exists (select 1 from settings where key = k)
        on conflict (key) do nothing
        returning key;
end
$$;
