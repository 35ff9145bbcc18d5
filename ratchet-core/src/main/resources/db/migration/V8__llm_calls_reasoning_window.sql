-- A reasoning model's thinking (<think>…</think> or reasoning_content), kept apart from the answer in response, and
-- the context window (in tokens) the prompt was fitted to, beside prompt_tokens.
alter table llm_calls add column reasoning text;
alter table llm_calls add column context_window integer;
