-- BACKGROUND handlers (embeddings for search) run beside ENRICH without holding the event's REACT runs back.
alter table module_runs drop constraint module_runs_stage_check;
alter table module_runs add constraint module_runs_stage_check check (stage in ('ENRICH', 'BACKGROUND', 'REACT'));
