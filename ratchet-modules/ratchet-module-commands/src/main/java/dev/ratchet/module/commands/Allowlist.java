package dev.ratchet.module.commands;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tools the agent may use in which channel, from option {@code commands.allow}: entries
 * {@code <channel>=<tool>|<tool>...}, where the channel is an id or {@code *} (every channel without its own entry) and
 * the tools are names or {@code *} (all). No entries at all means every tool everywhere; once there are entries, a
 * channel with neither its own entry nor a {@code *} entry gets no tools.
 */
final class Allowlist {

    static final String REQUIREMENT = "entries channel=tool|tool such as C0123ABC=search_messages|channel_report,*=*";
    private static final Pattern ENTRY =
            Pattern.compile("(\\*|[A-Z0-9][A-Za-z0-9_-]*)\\s*=\\s*(\\*|[a-z][a-z0-9_]*(\\s*\\|\\s*[a-z][a-z0-9_]*)*)");
    private static final String ALL = "*";

    private final Map<String, Set<String>> byChannel;

    private Allowlist(Map<String, Set<String>> byChannel) {
        this.byChannel = byChannel;
    }

    /** Whether every entry is well formed. */
    static boolean valid(List<String> entries) {
        return entries.stream().allMatch(e -> ENTRY.matcher(e.trim()).matches());
    }

    /**
     * Parses the option's entries.
     *
     * @throws IllegalArgumentException naming the first malformed entry
     */
    static Allowlist parse(List<String> entries) {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (String entry : entries) {
            if (!ENTRY.matcher(entry.trim()).matches()) {
                throw new IllegalArgumentException("commands.allow entry '" + entry + "' is not " + REQUIREMENT);
            }
            String[] parts = entry.split("=", 2);
            Set<String> tools = map.computeIfAbsent(parts[0].trim(), k -> new LinkedHashSet<>());
            for (String tool : parts[1].split("\\|")) {
                tools.add(tool.trim());
            }
        }
        return new Allowlist(map);
    }

    /** Whether the agent may offer {@code tool} in {@code channel}. */
    boolean allows(String channel, String tool) {
        if (byChannel.isEmpty()) {
            return true;
        }
        Set<String> tools = byChannel.containsKey(channel) ? byChannel.get(channel) : byChannel.get(ALL);
        return tools != null && (tools.contains(ALL) || tools.contains(tool));
    }
}
