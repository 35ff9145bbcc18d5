#!/usr/bin/env bash
# The PostgreSQL CPU of storing one message's embedding, measured apart from Ratchet (README, Performance: "Where an
# embedding's database CPU goes"). Creates database $1 (it must not exist) from the migrations, fills it with N
# generated messages (bench search's generator; default 100000), keeps the vectors of the newest 4,000 aside, then
# writes them back in batches of 32 in several ways and prints the backend's CPU per message from /proc (run it on the
# database's machine). The messages' vector index is the one Ratchet has at N: the IVFFlat index the recurring job
# search-vector-lists builds past 10,000 embedded messages (VectorLists; lists = N / 1000), no HNSW index (V20).
# HNSW=1 gives them V1's HNSW index instead, as before V20; NARROW=0 skips the narrow-table alternatives. Usage: scripts/bench-embedding-writes.sh scratch_db [N]
set -euo pipefail
db=$1
n=${2:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
psql_() { psql -q -v ON_ERROR_STOP=1 -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" "$db" "$@"; }
createdb -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" "$db"
for f in $(ls "$here/ratchet-core/src/main/resources/db/migration" | sort -t V -k2 -n); do
  sed -e 's/\${embedding_dimension}/384/g' -e 's/\${jobs_schema}/jobs/g' \
    "$here/ratchet-core/src/main/resources/db/migration/$f" | psql_
done
psql_ -c "alter table messages disable trigger user" -c "drop index messages_tsv,
  messages_posted_at_words, messages_channel_posted_at, messages_posted_at, messages_thread, messages_unembedded"
{ echo "begin;"; sed -e "s/:n\b/$n/g" -e "s/:end\b/$(date +%s)/g" -e 's/:dim\b/384/g' \
    "$here/ratchet-core/src/main/resources/bench/search-generate.sql"; echo "commit;"; } | psql_
psql_ <<'SQL'
create table vt_src as select channel_id, ts, attrs ->> 'text' as t, embedding as v from messages order by posted_at desc limit 4000;
update messages m set embedding = null from vt_src s where s.channel_id = m.channel_id and s.ts = m.ts;
alter table messages enable trigger user;
insert into message_codes (channel_id, ts, posted_at, code)
select channel_id, ts, posted_at, binary_quantize(embedding) from messages where embedding is not null;
set maintenance_work_mem = '512MB';
create index messages_posted_at on messages (posted_at);
create index messages_channel_posted_at on messages (channel_id, posted_at);
create index messages_thread on messages (channel_id, parent_ts) where parent_ts is not null;
create index messages_tsv on messages using gin (tsv);
create index messages_posted_at_words on messages (posted_at) include (channel_id, ts, tsv);
create index messages_unembedded on messages (posted_at)
    where embedding is null and coalesce(attrs ->> 'text', '') <> '' and (attrs ->> 'deleted') is distinct from 'true'
      and (attrs ->> 'embedding_error') is null;
SQL
if [ "${HNSW:-0}" = 1 ]; then
  psql_ -c "set maintenance_work_mem = '512MB'" -c "create index messages_embedding on messages using hnsw (embedding vector_cosine_ops)"
elif [ "$n" -ge 10000 ]; then
  psql_ -c "set maintenance_work_mem = '512MB'" -c "create index messages_embedding_ivf on messages
    using ivfflat ((embedding::halfvec(384)) halfvec_cosine_ops) with (lists = $(awk -v n="$n" 'BEGIN { print (n <= 1000000 ? int(n / 1000) : int(sqrt(n))) }'))"
fi
[ "${NARROW:-1}" = 0 ] || psql_ <<'SQL'
-- the alternative: the vectors in a narrow table of their own, with and without HNSW
create table message_embeddings (
  channel_id text not null, ts text not null, posted_at timestamptz not null, embedding vector(384) not null,
  primary key (channel_id, ts), foreign key (channel_id, ts) references messages (channel_id, ts) on delete cascade);
insert into message_embeddings select channel_id, ts, posted_at, embedding from messages where embedding is not null;
create index message_embeddings_hnsw on message_embeddings using hnsw (embedding vector_cosine_ops);
create table message_embeddings_plain (like message_embeddings including all);
insert into message_embeddings_plain select * from message_embeddings;
drop index message_embeddings_plain_embedding_idx;
create function me_codes_keep() returns trigger language plpgsql as $$
begin
  insert into message_codes (channel_id, ts, posted_at, code)
  values (new.channel_id, new.ts, new.posted_at, binary_quantize(new.embedding))
  on conflict (channel_id, ts) do update set code = excluded.code, posted_at = excluded.posted_at;
  return null;
end $$;
create trigger me_codes after insert on message_embeddings for each row execute function me_codes_keep();
SQL
psql_ -c "vacuum analyze messages"
[ "${NARROW:-1}" = 0 ] || psql_ -c "vacuum analyze message_embeddings" -c "vacuum analyze message_embeddings_plain"

batch="(select * from vt_src order by ts offset i * 32 limit 32) s"
upd="update messages m set embedding = s.v from $batch where m.channel_id = s.channel_id and m.ts = s.ts and m.embedding is null and m.attrs ->> 'text' = s.t;"
ins="select m.channel_id, m.ts, m.posted_at, s.v from $batch join messages m on m.channel_id = s.channel_id and m.ts = s.ts and m.attrs ->> 'text' = s.t on conflict do nothing;"
attrs="update messages m set attrs = m.attrs || jsonb_build_object('classification', i) from $batch where m.channel_id = s.channel_id and m.ts = s.ts;"
reset_messages="update messages m set embedding = null from vt_src s where s.channel_id = m.channel_id and s.ts = m.ts;
delete from message_codes c using vt_src s where s.channel_id = c.channel_id and s.ts = c.ts;"
reset_narrow="delete from message_embeddings e using vt_src s where s.channel_id = e.channel_id and s.ts = e.ts;
delete from message_codes c using vt_src s where s.channel_id = c.channel_id and s.ts = c.ts;"
reset_plain="delete from message_embeddings_plain e using vt_src s where s.channel_id = e.channel_id and s.ts = e.ts;"

# run LABEL RESET PRE STATEMENT POST: the statement over 125 batches of 32 in one DO block, the backend's CPU around it
run() {
  echo "$2" | psql_ >/dev/null
  psql_ -c "vacuum" >/dev/null
  local out
  out=$(psql_ -At <<SQL
select pg_backend_pid() as pid \gset
\setenv PID :pid
\! awk '{print \$14 + \$15}' /proc/\$PID/stat > /tmp/bench-embedding-writes.cpu0
$3
do \$\$ begin for i in 0..124 loop $4 end loop; end \$\$;
$5
\! awk '{print \$14 + \$15}' /proc/\$PID/stat > /tmp/bench-embedding-writes.cpu1
SQL
)
  echo "$out" >/dev/null
  awk -v label="$1" -v a="$(cat /tmp/bench-embedding-writes.cpu0)" -v b="$(cat /tmp/bench-embedding-writes.cpu1)" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%-75s %.2f ms CPU/message\n", label, (b - a) * 1000 / hz / 4000 }'
}

echo "$n messages, load $(cut -d' ' -f1-3 /proc/loadavg)"
nolists="begin; set local client_min_messages = warning; drop index if exists messages_embedding_ivf, messages_embedding;"
for round in 1 2; do
  run "update messages.embedding (today: $([ "${HNSW:-0}" = 1 ] && echo "HNSW, as before V20" || echo "IVFFlat if N >= 10,000, no HNSW"))" "$reset_messages" "" "$upd" ""
  run "the same, no vector index (rolled back)" "$reset_messages" "$nolists" "$upd" "rollback;"
  if [ "${NARROW:-1}" != 0 ]; then
    run "insert into a narrow table, HNSW and codes trigger" "$reset_narrow" "" "insert into message_embeddings $ins" ""
    run "the same, HNSW dropped (rolled back)" "$reset_narrow" "begin; drop index message_embeddings_hnsw;" "insert into message_embeddings $ins" "rollback;"
    run "narrow, no HNSW, no trigger" "$reset_plain" "" "insert into message_embeddings_plain $ins" ""
  fi
done
psql_ -c "update messages m set embedding = s.v from vt_src s where s.channel_id = m.channel_id and s.ts = m.ts and m.embedding is null" >/dev/null
for round in 1 2; do
  run "attrs write to an embedded message (today)" "select 1" "" "$attrs" ""
  run "the same, no vector index (rolled back)" "select 1" "$nolists" "$attrs" "rollback;"
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
