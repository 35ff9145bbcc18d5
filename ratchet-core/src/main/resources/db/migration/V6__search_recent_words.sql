-- The lexical ranking of search reads the newest messages of the window that have the query's words. This index gives
-- them newest first with their words, so the scan reads neither the GIN index's posting lists of common words (a
-- hundred thousand entries for "error" in a million messages) nor the messages' rows, which are wide (a 384-d
-- embedding alone is 1.5 kB): an index-only scan. Its size is about a sixth of the table's.
create index if not exists messages_posted_at_words on messages (posted_at) include (channel_id, ts, tsv);
