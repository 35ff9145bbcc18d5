-- The channel of the event an LLM call served, for per-channel token budgets and usage reports.
alter table llm_calls add column channel_id text;
create index llm_calls_channel on llm_calls (channel_id, created_at) where channel_id is not null;
