-- The alerts of one channel and of one alert, each in time order, beside V15's alerts of every channel
-- (messages_alerts). AlertRepository.find read a channel's alerts (the classifier's open alerts of a channel at every
-- alert it stores, the reports' firings, the handoff) and one alert's past occurrences (the runbook, over its 90 days)
-- from messages_alerts, every channel's alerts of the window, and kept the few it wanted; the API's alert counts of a
-- channel (/services) and its messages filtered by classification read the channel's every message of the window. Both
-- indexes hold the alerts alone (the same predicate as V15), so they are small and written only for alerts.
create index if not exists messages_alerts_channel on messages (channel_id, posted_at)
    where (attrs -> 'classifier' ->> 'action') in ('open', 'close');
create index if not exists messages_alerts_name
    on messages ((attrs -> 'classifier' ->> 'service'), (attrs -> 'classifier' ->> 'alert'), posted_at)
    where (attrs -> 'classifier' ->> 'action') in ('open', 'close');
