-- The alerts of a window (AlertRepository.find: the runbook's past occurrences over its 90-day lookback, the alert
-- tools and reports) read every message of the window for its classifier annotation, a jsonb field of the wide attrs
-- row: ~1,800 rows for the ~400 alerts of `bench reply`'s channel. This index holds the alerts alone, in time order.
-- (attrs is already in an index predicate, messages_unembedded, so updates of attrs were not HOT before either.)
create index if not exists messages_alerts on messages (posted_at)
    where (attrs -> 'classifier' ->> 'action') in ('open', 'close');
