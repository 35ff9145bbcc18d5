-- Semantic search over a window of a few thousand to tens of thousands of messages (a week, a month) reads the
-- window's embeddings. From the messages' rows that is ~1.8 kB a message (the 384-d embedding is 1.5 kB of it), and an
-- IVFFlat scan has to read a row for each candidate to check its time against the window (1 % of the table for a
-- week: ~4,000 rows to keep 40). This table holds each embedded message's key, time and binary code (one bit a
-- dimension, pgvector's binary_quantize: 48 bytes at 384-d), and its index gives a window's codes in time order with
-- nothing else: a week is ~140 index pages. Search ranks the window by Hamming distance to the query's code, then
-- re-ranks the closest few hundred by the exact distance of their embeddings (HybridSearch).
-- Kept by triggers on messages: an embedding stored, changed or forgotten changes the code; a message deleted takes it
-- along (foreign key). varbit, so a change of the embedding model's dimension needs nothing here.
create table message_codes (
    channel_id text not null,
    ts         text not null,
    posted_at  timestamptz not null,
    code       varbit not null,
    primary key (channel_id, ts),
    foreign key (channel_id, ts) references messages (channel_id, ts) on delete cascade
);

create index message_codes_window on message_codes (posted_at) include (channel_id, ts, code);

create function message_codes_keep() returns trigger language plpgsql as $$
begin
  if new.embedding is null then
    delete from message_codes where channel_id = new.channel_id and ts = new.ts;
  else
    insert into message_codes (channel_id, ts, posted_at, code)
    values (new.channel_id, new.ts, new.posted_at, binary_quantize(new.embedding))
    on conflict (channel_id, ts) do update set code = excluded.code, posted_at = excluded.posted_at;
  end if;
  return null;
end
$$;

create trigger message_codes_insert after insert on messages
  for each row when (new.embedding is not null) execute function message_codes_keep();
create trigger message_codes_update after update of embedding on messages
  for each row when (old.embedding is distinct from new.embedding) execute function message_codes_keep();

insert into message_codes (channel_id, ts, posted_at, code)
select channel_id, ts, posted_at, binary_quantize(embedding) from messages where embedding is not null
 order by posted_at;

analyze message_codes;
