-- Messages still to embed, newest first, for the embedding job (MessageEmbedding): without this index each batch
-- would scan the table for the few rows lacking an embedding. A message whose text the embedder refused is marked
-- (attrs.embedding_error) and leaves the queue until an edit.
create index messages_unembedded on messages (posted_at)
    where embedding is null and coalesce(attrs ->> 'text', '') <> '' and (attrs ->> 'deleted') is distinct from 'true'
      and (attrs ->> 'embedding_error') is null;

-- 'queued' while an embedding job is enqueued and has not started: storing a message enqueues one only when this
-- flips from 'idle', so a burst of messages makes a few jobs, not one each.
insert into settings (key, value) values ('embedding_queue', 'idle') on conflict (key) do nothing;
