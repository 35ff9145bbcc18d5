-- Ratchet's tables. Few tables, details in attrs jsonb (the Go Ratchet's lesson). Every row that comes from Slack
-- carries its workspace (team) id, so one database can serve several workspaces.
-- Placeholders: ${embedding_dimension} (fixed per database), ${jobs_schema} (JobRunr's tables, kept apart).

-- In public, so every schema on the search path (ratchet, a bench or test schema) sees the type.
create extension if not exists vector with schema public;

create schema if not exists ${jobs_schema};

create table settings (
    key        text primary key,
    value      text not null,
    updated_at timestamptz not null default now()
);
insert into settings (key, value) values ('embedding_dimension', '${embedding_dimension}');

create table channels (
    id         text primary key,                 -- Slack channel id (C…, G…, D…)
    team_id    text not null,
    attrs      jsonb not null default '{}',      -- name, onboarding state, per-channel settings
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index channels_team on channels (team_id);

create table users (
    team_id    text not null,
    id         text not null,                    -- U… for people, B… for bots
    attrs      jsonb not null default '{}',      -- name, real_name, display_name, is_bot, email
    updated_at timestamptz not null default now(),
    primary key (team_id, id)
);

create table messages (
    channel_id text not null,
    ts         text not null,                    -- Slack's ts, the message id within the channel
    team_id    text not null,
    parent_ts  text,                             -- thread_ts for replies; null for top-level messages
    attrs      jsonb not null default '{}',      -- text, user, bot_id, reactions, classification, edit/delete marks
    embedding  vector(${embedding_dimension}),
    posted_at  timestamptz not null generated always as (to_timestamp(ts::double precision)) stored,
    tsv        tsvector not null generated always as (to_tsvector('english'::regconfig, coalesce(attrs ->> 'text', ''))) stored,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (channel_id, ts)
);
create index messages_posted_at on messages (posted_at);
create index messages_channel_posted_at on messages (channel_id, posted_at);
create index messages_thread on messages (channel_id, parent_ts) where parent_ts is not null;
create index messages_tsv on messages using gin (tsv);
create index messages_embedding on messages using hnsw (embedding vector_cosine_ops);

create table bot_posts (
    id          bigserial primary key,
    team_id     text,
    module_id   text not null,
    post_key    text not null,                   -- what was posted for which event; a retry finds it done
    channel_id  text not null,
    thread_ts   text,
    ts          text,                            -- set once Slack accepted the post
    event_key   text,                            -- the channel event that caused it
    attrs       jsonb not null default '{}',     -- text, blocks
    created_at  timestamptz not null default now(),
    posted_at   timestamptz,
    unique (module_id, post_key)
);
create index bot_posts_message on bot_posts (channel_id, ts);

create table llm_calls (
    id                bigserial primary key,
    team_id           text,
    module_id         text not null,
    purpose           text not null,
    kind              text not null check (kind in ('chat', 'embedding')),
    model             text not null,
    request           jsonb not null,
    response          jsonb,
    prompt_tokens     integer,
    completion_tokens integer,
    latency_ms        integer,
    error             text,
    event_key         text,                      -- the channel event being handled, if any
    bot_post_id       bigint references bot_posts (id) on delete set null,
    created_at        timestamptz not null default now()
);
create index llm_calls_created_at on llm_calls (created_at);
create index llm_calls_module on llm_calls (module_id, created_at);
create index llm_calls_bot_post on llm_calls (bot_post_id) where bot_post_id is not null;

create table docs_sources (
    id         text primary key,                 -- the slug from the sources file
    kind       text not null,                    -- folder, git, github
    attrs      jsonb not null default '{}',      -- location, revision, last refresh, last error
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table docs_documents (
    id         bigserial primary key,
    source_id  text not null references docs_sources (id) on delete cascade,
    path       text not null,
    revision   text,
    attrs      jsonb not null default '{}',      -- title, front matter, url
    content    text not null,
    updated_at timestamptz not null default now(),
    unique (source_id, path)
);

create table docs_chunks (
    id          bigserial primary key,
    document_id bigint not null references docs_documents (id) on delete cascade,
    ordinal     integer not null,
    heading     text,
    content     text not null,
    embedding   vector(${embedding_dimension}),
    tsv         tsvector not null generated always as (to_tsvector('english'::regconfig, coalesce(heading, '') || ' ' || content)) stored,
    unique (document_id, ordinal)
);
create index docs_chunks_tsv on docs_chunks using gin (tsv);
create index docs_chunks_embedding on docs_chunks using hnsw (embedding vector_cosine_ops);

-- Small key/value state per module (ModuleStore).
create table module_state (
    module_id  text not null,
    key        text not null,
    value      jsonb not null,
    updated_at timestamptz not null default now(),
    primary key (module_id, key)
);

-- One row per (event, module handler): what was enqueued, its attempts and outcome. It makes delivery idempotent
-- (a redelivered event finds its rows), lets a retried run see it already succeeded, and orders stages: REACT
-- runs wait in 'waiting' until every ENRICH run of the event is done or failed.
create table module_runs (
    event_key  text not null,
    module_id  text not null,
    handler    text not null,
    stage      text not null check (stage in ('ENRICH', 'REACT')),
    state      text not null check (state in ('waiting', 'enqueued', 'running', 'retrying', 'done', 'failed')),
    event      jsonb not null,                   -- what the job needs to rebuild the ChannelEvent
    attempts   integer not null default 0,
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (event_key, module_id, handler)
);
create index module_runs_open on module_runs (state, updated_at) where state not in ('done', 'failed');

-- Deduplication keys of module jobs enqueued with a key (Jobs.enqueue(name, dedupKey, ...)).
create table job_keys (
    key        text primary key,
    created_at timestamptz not null default now()
);
