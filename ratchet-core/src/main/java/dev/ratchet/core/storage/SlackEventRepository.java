package dev.ratchet.core.storage;

/** The {@code slack_events} table: the ids of Slack events received, so a redelivery is recognised. */
public final class SlackEventRepository {

    private final Database db;

    public SlackEventRepository(Database db) {
        this.db = db;
    }

    /** Records an event id; false when it was recorded before (a duplicate delivery). */
    public boolean record(String eventId, String teamId, String type) {
        return db.withHandle(h -> h.createUpdate(
                                "insert into slack_events (event_id, team_id, type) values (:id, :team, :type) on conflict do nothing")
                        .bind("id", eventId)
                        .bind("team", teamId)
                        .bind("type", type)
                        .execute())
                != 0;
    }

    /** Forgets the event ids received over two days ago. */
    public void prune() {
        db.withHandle(h -> h.execute("delete from slack_events where received_at < now() - interval '2 days'"));
    }
}
