-- Two reads whose cost grew with the history (`bench reply`, where a few alerts fire thousands of times).
--
-- One alert's past firings newest first (AlertRepository.find: the runbook's past occurrences; firings): V19's
-- messages_alerts_name gave them in posted_at order, but the statement orders by (posted_at, ts), so PostgreSQL read
-- and sorted every firing of the alert in the runbook's 90 days before keeping the newest: 388 buffers for 20 rows
-- at 465 firings, and more at every firing. With ts in the index the backward scan gives that order and stops at the
-- limit: 20 buffers.
drop index if exists messages_alerts_name;
create index messages_alerts_name
    on messages ((attrs -> 'classifier' ->> 'service'), (attrs -> 'classifier' ->> 'alert'), posted_at, ts)
    where (attrs -> 'classifier' ->> 'action') in ('open', 'close');

-- A module's calls for an event not yet linked to the post they produced (LlmCallRepository.linkToPost, at every post
-- a module makes: twice per event of `bench reply`). The update found them by llm_calls_module (module_id,
-- created_at): every call the module ever made, each row read from the table (they hold the request and response)
-- to test its event_key. This index holds only the calls still unlinked and successful, by module and event.
create index if not exists llm_calls_unlinked on llm_calls (module_id, event_key)
    where bot_post_id is null and error is null and event_key is not null;
