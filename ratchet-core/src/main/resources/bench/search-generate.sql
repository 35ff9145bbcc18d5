-- bench search --generate: N messages over the schema's messages table, one a minute back from :end (epoch seconds),
-- in 20 public channels, text from an ops vocabulary (skewed: a few words are common, most are rare), and 384-d
-- embeddings with the low intrinsic dimension of real ones: each is a point on the segment between two of 256 random
-- centroids plus a little noise (uniform random vectors have no near neighbours, which real embeddings do).
-- Rows are inserted oldest first, so the heap is in time order as ingestion leaves it (one a minute, appended): the
-- keys are drawn by a function scan that counts down and each row's vectors are fetched by scalar subqueries, with no
-- join that could reorder rows (a hash join over bench_scaled once scattered them over the whole table).
-- All set-based; the caller drops the messages' secondary indexes before and rebuilds them after.
-- Placeholders: :n, :end, :dim.
create temporary table bench_centroid on commit drop as
  select t, (select array_agg(random() * 2 - 1) from generate_series(1, :dim) where t >= 0)::vector as v
    from generate_series(0, 255) as t;
create temporary table bench_scaled on commit drop as
  select c.t, k, c.v * array_fill(k / 100.0, array[:dim])::vector as v
    from bench_centroid c, generate_series(0, 100) as k;
create temporary table bench_noise on commit drop as
  select n, (select array_agg((random() * 2 - 1) * 0.08) from generate_series(1, :dim) where n >= 0)::vector as v
    from generate_series(0, 4095) as n;
create index on bench_scaled (t, k);
create index on bench_noise (n);
analyze bench_scaled;
analyze bench_noise;
insert into channels (id, team_id, attrs)
  select 'CBENCH' || lpad(c::text, 2, '0'), 'TBENCH', jsonb_build_object('name', 'bench-' || c, 'is_private', false)
    from generate_series(0, 19) as c
  on conflict (id) do nothing;
insert into messages (channel_id, ts, team_id, attrs, embedding)
select 'CBENCH' || lpad((r.g % 20)::text, 2, '0'),
       (:end - r.g * 60)::text || '.000100',
       'TBENCH',
       jsonb_build_object(
         'text', (select string_agg(vocab.w[1 + floor(cardinality(vocab.w) * random() ^ 2.5)::int + 0 * i], ' ')
                    from generate_series(1, 5 + r.g % 10) as i where r.g >= 0),
         'user', 'UBENCH' || lpad((r.g % 40)::text, 2, '0')),
       (select a.v from bench_scaled a where a.t = r.t1 and a.k = r.k)
         + (select b.v from bench_scaled b where b.t = r.t2 and b.k = 100 - r.k)
         + (select z.v from bench_noise z where z.n = r.n)
  from (select g, floor(random() * 256)::int as t1, floor(random() * 256)::int as t2,
               floor(random() * 101)::int as k, floor(random() * 4096)::int as n
          from generate_series(:n - 1, 0, -1) as g) as r,
  (select array['error', 'alert', 'latency', 'deploy', 'api', 'timeout', 'service', 'restart', 'pod', 'database',
                'disk', 'memory', 'cpu', 'firing', 'resolved', 'rollback', 'kubernetes', 'node', 'cluster', 'replica',
                'connection', 'refused', 'checkout', 'payment', 'queue', 'backlog', 'consumer', 'kafka', 'redis',
                'cache', 'eviction', 'oom', 'killed', 'crashloop', 'ingress', 'nginx', 'gateway', '502', '503',
                'certificate', 'expired', 'dns', 'resolution', 'failover', 'primary', 'standby', 'lag', 'backup',
                'snapshot', 'volume', 'full', 'threshold', 'p99', 'spike', 'traffic', 'rate', 'limit', 'throttled',
                'quota', 'billing', 'auth', 'login', 'token', 'session', 'scheduler', 'cron', 'job', 'batch',
                'pipeline', 'build', 'release', 'canary', 'feature', 'flag', 'config', 'secret', 'rotation', 'vault',
                'terraform', 'state', 'lock', 'migration', 'schema', 'index', 'vacuum', 'postgres', 'deadlock',
                'slow', 'query', 'elasticsearch', 'shard', 'unassigned', 'grafana', 'dashboard', 'pagerduty',
                'incident', 'postmortem', 'runbook', 'oncall', 'escalate', 'mitigated', 'investigating', 'customer',
                'ticket', 'region', 'zone', 'outage', 'network', 'packet', 'loss', 'loadbalancer', 'healthcheck',
                'probe', 'readiness', 'liveness', 'autoscaler', 'hpa', 'capacity', 'storage', 'bucket', 's3',
                'permission', 'denied', 'iam', 'role', 'webhook', 'retry', 'idempotent', 'duplicate', 'worker']) as vocab(w);
