-- When a post key was first claimed. A claim left unposted by a crash is taken over after two minutes, which renews
-- created_at (the lease); the worker that takes it over asks Slack whether the crashed attempt's post landed after
-- all (its message metadata carries the post key), and looks from the first claim on, however often it was taken
-- over. Null for claims made before this version and never taken over: created_at is then the first claim.
alter table bot_posts add column if not exists first_claimed_at timestamptz;
