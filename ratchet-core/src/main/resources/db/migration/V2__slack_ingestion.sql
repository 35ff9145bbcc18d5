-- Slack event ids already stored: Slack redelivers an event (HTTP retries, Socket Mode retry_attempt) with the
-- same event_id, and a redelivery must store and enqueue nothing. Old rows are pruned by the ingestor.
create table slack_events (
    event_id    text primary key,
    team_id     text,
    type        text not null,
    received_at timestamptz not null default now()
);
create index slack_events_received_at on slack_events (received_at);
