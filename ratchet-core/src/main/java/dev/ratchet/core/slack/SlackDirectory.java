package dev.ratchet.core.slack;

import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DirectoryRepository;
import dev.ratchet.spi.SlackService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels and people: stores what Slack says about them and turns ids into readable names, so reports and prompts
 * show "Alice Smith", not "U024BE7LH". Names come from the users table (filled by {@code users.info}, events and
 * export imports), are cached in memory, and are looked up in Slack on a miss when a Slack connection exists.
 */
public final class SlackDirectory {

    private static final Logger log = LoggerFactory.getLogger(SlackDirectory.class);

    private final DirectoryRepository store;
    private final SlackApi api; // null when Slack is not configured
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public SlackDirectory(Database db, SlackApi api) {
        this.store = new DirectoryRepository(db);
        this.api = api;
    }

    /** Merges {@code attrs} into a channel's attributes, creating the channel if new; joins the current transaction. */
    public void upsertChannel(String teamId, String channelId, Map<String, Object> attrs) {
        store.upsertChannel(teamId, channelId, attrs);
    }

    /** A channel's attributes, if stored. */
    public Optional<Map<String, Object>> channel(String channelId) {
        return store.channel(channelId);
    }

    /** Stores a person or bot from a Slack user object ({@code users.info}, export {@code users.json}). */
    public void upsertUser(String teamId, Map<String, Object> user) {
        String id = String.valueOf(user.get("id"));
        Map<String, Object> attrs = new LinkedHashMap<>();
        Map<?, ?> profile = user.get("profile") instanceof Map<?, ?> p ? p : Map.of();
        put(attrs, "name", user.get("name"));
        put(attrs, "real_name", user.get("real_name") != null ? user.get("real_name") : profile.get("real_name"));
        put(attrs, "display_name", profile.get("display_name"));
        put(attrs, "email", profile.get("email"));
        put(attrs, "is_bot", user.get("is_bot"));
        put(attrs, "deleted", user.get("deleted"));
        store.upsertUser(teamId, id, attrs);
        names.put(id, readable(attrs, id));
    }

    /** Records a bot's name seen on one of its messages (bots have no users.info entry). */
    public void rememberBot(String teamId, String botId, String name) {
        if (botId == null || name == null || name.isBlank() || name.equals(names.get(botId))) {
            return;
        }
        Map<String, Object> attrs = Map.of("name", name, "is_bot", true);
        store.upsertUser(teamId, botId, attrs);
        names.put(botId, name);
    }

    /**
     * A readable name for a user or bot id: display name, else real name, else handle; the id itself when nothing is
     * known and Slack cannot tell.
     */
    public String displayName(String id) {
        if (id == null || id.isBlank()) {
            return "someone";
        }
        String cached = names.get(id);
        if (cached != null) {
            return cached;
        }
        Optional<String> stored = store.user(id).map(a -> readable(a, id));
        if (stored.isPresent()) {
            names.put(id, stored.get());
            return stored.get();
        }
        if (api != null && (id.startsWith("U") || id.startsWith("W"))) {
            try {
                Map<String, Object> answer = api.callPatiently("users.info", Map.of("user", id), 1);
                if (answer.get("user") instanceof Map<?, ?> user) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> u = (Map<String, Object>) user;
                    upsertUser((String) u.get("team_id"), u);
                    return names.getOrDefault(id, id);
                }
            } catch (SlackCallException e) {
                log.debug("no name for {}: {}", id, e.getMessage());
            }
        }
        return id;
    }

    /**
     * Slack's markup made readable ({@link SlackService#readable(String)}): {@code <@U123>} → {@code @Alice Smith} (bots
     * by the names seen on their messages), {@code <#C123>} → {@code #ops}, {@code <!here>} → {@code @here},
     * {@code <!subteam^S1|@oncall>} → {@code @oncall}, {@code <!date^…|fallback>} → its fallback,
     * {@code <https://x|label>} → {@code label (https://x)}, and Slack's entities {@code &amp;}, {@code &lt;},
     * {@code &gt;} back to the characters people typed. The result is plain text: escape it again before putting it into
     * mrkdwn. Null becomes the empty string.
     */
    public String render(String text) {
        return SlackService.readable(text, this::displayName, this::channelName);
    }

    private String channelName(String channelId) {
        return channel(channelId).map(a -> a.get("name")).map(String::valueOf).orElse(channelId);
    }

    private static String readable(Map<String, Object> attrs, String fallback) {
        for (String key : new String[] {"display_name", "real_name", "name"}) {
            Object v = attrs.get(key);
            if (v != null && !v.toString().isBlank()) {
                return v.toString();
            }
        }
        return fallback;
    }

    private static void put(Map<String, Object> attrs, String key, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            attrs.put(key, value);
        }
    }
}
