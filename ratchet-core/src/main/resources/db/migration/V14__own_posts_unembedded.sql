-- The bot's own posts (attrs.own, set when they are stored: EventIngestor) are not embedded: its runbooks and answers
-- repeat what search finds in the messages they came from, and embedding them took about a quarter of the CPU of an
-- alert's reply (`bench reply`). Search still finds them by their words. The embedding queue's index (V7) without them,
-- so that they do not stay in it for every batch to step over.
drop index if exists messages_unembedded;
create index messages_unembedded on messages (posted_at)
    where embedding is null and coalesce(attrs ->> 'text', '') <> '' and (attrs ->> 'deleted') is distinct from 'true'
      and (attrs ->> 'embedding_error') is null and (attrs ->> 'own') is null;
