-- The OpenTelemetry trace an LLM call was made in (README: Tracing), to go from a slow or failed call to its event's
-- trace; null when tracing is off. Numbered 9 so as not to clash with the V7/V8 of branches merged alongside.
alter table llm_calls add column trace_id text;
