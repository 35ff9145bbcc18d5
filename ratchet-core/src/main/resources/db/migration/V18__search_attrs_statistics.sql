-- Statistics on the two attributes every search window filters on (no deleted messages; people's posts unless bots are
-- asked for), written as the window writes them (HybridSearch.WINDOW_ATTRS). Without them PostgreSQL takes each for a
-- default 0.5 % of the rows, so it expected ~125 of a channel's 50,000 messages to pass, and ranked a channel's whole
-- history by reading all 50,000 rows from `messages_channel_posted_at` and sorting them (1 M messages, 20 channels:
-- 540-850 ms, 49,000 buffers) instead of reading the IVFFlat lists until 40 pass (15.7 ms, the same query planned for
-- its values, psql, load ~10). ANALYZE (autovacuum's or the one below) collects them.
create statistics if not exists messages_window_attrs
    on (attrs ->> 'bot_id'), (coalesce((attrs ->> 'deleted')::boolean, false)) from messages;
analyze messages;
