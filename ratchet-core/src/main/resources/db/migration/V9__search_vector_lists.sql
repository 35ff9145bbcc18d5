-- Semantic search over a window of more than a few thousand messages reads candidates from an IVFFlat index of the
-- embeddings as halfvec (lists of nearby vectors around trained centroids; the query reads the nearest lists), then
-- re-ranks them by the exact distance. At a million messages HNSW (messages_embedding) measured recall@10 0.88 at
-- hnsw.ef_search 400 and 0.89 at 1000 (its graph does not link some regions of clustered embeddings), this index 0.99
-- with ivfflat.probes 10 (of 1,000 lists), in about half the time; messages_embedding stays for databases without it.
-- An IVFFlat index learns its lists from the rows present when it is built, so it is built only over 10,000 embedded
-- messages or more, with rows / 1000 lists (pgvector's advice; sqrt(rows) past a million); search uses HNSW without it.
-- Built here in about 2 minutes at a million messages on 2 loaded cores.
do $$
declare
  n bigint;
begin
  if not exists (select from pg_indexes where schemaname = current_schema() and indexname = 'messages_embedding_ivf') then
    select count(*) into n from messages where embedding is not null;
    if n >= 10000 then
      -- the centroids are trained on a sample of 50 rows a list, held in memory (~75 MB at 1,000 lists of 384-d)
      perform set_config('maintenance_work_mem', '512MB', true);
      execute format(
        'create index messages_embedding_ivf on messages using ivfflat ((embedding::halfvec(%s)) halfvec_cosine_ops)'
        ' with (lists = %s)',
        ${embedding_dimension},
        case when n <= 1000000 then n / 1000 else floor(sqrt(n))::bigint end);
    end if;
  end if;
end
$$;
