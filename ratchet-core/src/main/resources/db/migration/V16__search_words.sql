-- Message search reads a message's words as people type them (issue 19): an alert's CamelCase names are split into
-- their words ("KubeNodeNotReady" is "Kube Node Not Ready", "OOMKilled" "OOM Killed"), and a few ops abbreviations
-- and synonyms are written one way ("database" as "db", "postgresql"/"pg" as "postgres", "ssl" as "tls", "k8s" as
-- "kubernetes", "npe" as "null pointer exception", "oom" as "out of memory", "alb" as "alb load balancer", ...).
-- search_text is applied to a message's text for its tsv and to a query's text by HybridSearch, so both read the same.
-- Measured by MessageSearchRelevanceTest and SearchRelevanceTest (see HybridSearch).
create or replace function search_text(t text) returns text
    language sql immutable parallel safe
    return (
    select regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
           regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
           regexp_replace(
             regexp_replace(s, '\m(postgresql|pg)\M', 'postgres', 'gi'),
             '([a-z])([A-Z])', '\1 \2', 'g'),
             '([A-Z])([A-Z][a-z])', '\1 \2', 'g'),
             '\m(databases?|dbs)\M', 'db', 'gi'),
             '\mk8s\M', 'kubernetes', 'gi'),
             '\mnpe\M', 'null pointer exception', 'gi'),
             '\moom\M', 'out of memory', 'gi'),
             '\mssl\M', 'tls', 'gi'),
             '\m(certificates?|certs)\M', 'cert', 'gi'),
             '\m(alb|elb|nlb|lb)\M', '\1 load balancer', 'gi'),
             '\mproduction\M', 'prod', 'gi'),
             '\mconfig(uration)?s?\M', 'config', 'gi'),
             '\menv\M', 'environment', 'gi'),
             '\mrepos?\M', 'repository', 'gi'),
             '\mcreds\M', 'credentials', 'gi'),
             '\mmem\M', 'memory', 'gi')
           -- the CamelCase names as written too, so that "github" still finds "GitHub"
           || coalesce(' ' || (select string_agg(m[1], ' ') from regexp_matches(s, '(\w*[a-z][A-Z]\w*)', 'g') as m), '')
      from (select coalesce(t, '') as s) as x);

-- tsv is generated from search_text: PostgreSQL 15 cannot change a generated column's expression, so the column and
-- its two indexes are made again (a rewrite of the table: minutes at a million messages, once).
drop index if exists messages_posted_at_words;
drop index if exists messages_tsv;
alter table messages drop column tsv;
alter table messages add column tsv tsvector not null
    generated always as (to_tsvector('english'::regconfig, search_text(attrs ->> 'text'))) stored;
create index messages_tsv on messages using gin (tsv);
create index messages_posted_at_words on messages (posted_at) include (channel_id, ts, tsv);
