-- ModuleStore values stored with a time to live: invisible once expires_at has passed, deleted by the hourly
-- module-state-cleanup job. Null means the value never expires; the partial index keeps the cleanup's scan to rows
-- that can expire.
alter table module_state add column expires_at timestamptz;
create index module_state_expires_at on module_state (expires_at) where expires_at is not null;
