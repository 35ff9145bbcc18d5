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

    /**
     * What recording an {@code app_mention}'s event id found ({@link #recordMention}).
     *
     * @param recorded the id was new (false: a redelivery, nothing else was read)
     * @param stored   its message is stored (the message event came first, or onboarding fetched it)
     * @param reply    the stored message is a thread reply
     * @param handlers the handlers with a run of the message's event ({@code module/handler}), when it is stored
     */
    public record Mention(boolean recorded, boolean stored, boolean reply, java.util.List<String> handlers) {}

    /**
     * Records an {@code app_mention}'s event id and, when it is new, reads whether its message is stored and which
     * handlers have a run of the message's event ({@code eventKey}), with one statement: the mention that follows its
     * message event (the usual order) needs nothing else. These were three statements, a round trip each.
     */
    public Mention recordMention(String eventId, String teamId, String channelId, String ts, String eventKey) {
        return db.withHandle(h -> h.createQuery("""
                        with ev as (
                            insert into slack_events (event_id, team_id, type) values (:id, :team, 'app_mention')
                            on conflict do nothing
                            returning 1),
                        m as (
                            select parent_ts from messages
                             where channel_id = :channel and ts = :ts and exists (select from ev))
                        select exists (select from ev) as recorded,
                               exists (select from m) as stored,
                               coalesce((select parent_ts is not null and parent_ts <> :ts from m), false) as reply,
                               array(select module_id || '/' || handler from module_runs
                                      where event_key = :key and exists (select from m)) as handlers""")
                .bind("id", eventId)
                .bind("team", teamId)
                .bind("channel", channelId)
                .bind("ts", ts)
                .bind("key", eventKey)
                .map((rs, ctx) -> new Mention(
                        rs.getBoolean("recorded"),
                        rs.getBoolean("stored"),
                        rs.getBoolean("reply"),
                        java.util.List.of((String[]) rs.getArray("handlers").getArray())))
                .one());
    }

    /** Forgets the event ids received over two days ago. */
    public void prune() {
        db.withHandle(h -> h.execute("delete from slack_events where received_at < now() - interval '2 days'"));
    }
}
