package dev.ratchet.core.jobs;

import dev.ratchet.spi.EventType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a module run needs to rebuild its {@link dev.ratchet.spi.ChannelEvent}: the event's identity and the message
 * it concerns (the message itself is read fresh when the run starts).
 *
 * @param key          stable identity across redeliveries, e.g. {@code message:C1:1700000000.000100}
 * @param type         what happened
 * @param live         received now (true) or history (false)
 * @param teamId       the workspace
 * @param channelId    the channel
 * @param ts           the message's ts
 * @param reactionName the emoji, for reaction events
 * @param reactionUser who reacted, for reaction events
 */
public record EventRef(
        String key,
        EventType type,
        boolean live,
        String teamId,
        String channelId,
        String ts,
        String reactionName,
        String reactionUser) {

    public EventRef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
    }

    /** The ref of a new message or thread reply. */
    public static EventRef message(String teamId, String channelId, String ts, boolean reply, boolean live) {
        return new EventRef(
                "message:" + channelId + ":" + ts,
                reply ? EventType.THREAD_REPLY : EventType.MESSAGE,
                live,
                teamId,
                channelId,
                ts,
                null,
                null);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.name());
        m.put("live", live);
        m.put("team", teamId);
        m.put("channel", channelId);
        m.put("ts", ts);
        m.put("reaction", reactionName);
        m.put("reaction_user", reactionUser);
        // the event's trace, so that its jobs' spans (on any worker, after any delay) are children of it
        dev.ratchet.core.ops.Tracing.traceparent().ifPresent(t -> m.put("traceparent", t));
        return m;
    }

    static EventRef fromMap(String key, Map<String, Object> m) {
        return new EventRef(
                key,
                EventType.valueOf((String) m.get("type")),
                Boolean.TRUE.equals(m.get("live")),
                (String) m.get("team"),
                (String) m.get("channel"),
                (String) m.get("ts"),
                (String) m.get("reaction"),
                (String) m.get("reaction_user"));
    }
}
