package dev.ratchet.app;

import dev.ratchet.core.slack.SlackDirectory;
import dev.ratchet.core.storage.DirectoryRepository;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated workspace of {@code ratchet shell}: its people and channels, with the ids the database already knows
 * where it knows them, so that what is typed lands next to the stored history (a channel named like a stored one is
 * that channel: its alerts, threads and reports), and readable names for ids.
 */
final class ShellWorkspace {

    /** The integration {@code /alert} posts as; the classifier recognises Alertmanager's messages. */
    static final String ALERT_BOT_ID = "B0SHELLAM1";

    static final String ALERT_BOT_NAME = "alertmanager";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");
    private static final Pattern USER_MENTION =
            Pattern.compile("(?<![\\w<@])@([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)");
    private static final Pattern CHANNEL_LINK = Pattern.compile("(?<![\\w<#])#([a-z0-9](?:[a-z0-9_-]*[a-z0-9])?)");

    private final SlackEmulator slack;
    private final DirectoryRepository stored;
    private final SlackDirectory directory;
    private final Map<String, String> names = new ConcurrentHashMap<>(); // id → name, people and channels
    private final Map<String, String> people = new ConcurrentHashMap<>(); // name → id
    private final Map<String, String> channels = new ConcurrentHashMap<>(); // name → id
    private final Set<String> storedChannels = ConcurrentHashMap.newKeySet(); // ids the database had before

    ShellWorkspace(SlackEmulator slack, DirectoryRepository stored, SlackDirectory directory) {
        this.slack = slack;
        this.stored = stored;
        this.directory = directory;
        names.put(slack.botUserId(), "ratchet");
        names.put(ALERT_BOT_ID, ALERT_BOT_NAME);
    }

    /**
     * A person or channel name as Slack allows it, lower-cased.
     *
     * @throws IllegalArgumentException naming the rule and an example
     */
    static String checkName(String what, String name) {
        String n = name.startsWith("#") || name.startsWith("@") ? name.substring(1) : name;
        n = n.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a Slack name: use lowercase letters, "
                    + "digits, '.', '-' and '_' (up to 80), e.g. " + (what.contains("channel") ? "team-ops" : "alice"));
        }
        return n;
    }

    /** Adds the people stored in the database, so that their names show and {@code @name} mentions them. */
    int addStoredPeople() {
        List<DirectoryRepository.Person> storedPeople = stored.people();
        for (DirectoryRepository.Person p : storedPeople) {
            String name = String.valueOf(p.name());
            if (!name.equals("ratchet") && !people.containsKey(name)) {
                add(String.valueOf(p.id()), name, p.realName() == null ? name : p.realName(), p.email());
            }
        }
        return storedPeople.size();
    }

    /** The person named {@code name}: one stored or added before, else someone new. */
    String person(String name) {
        String n = checkName("user", name);
        String known = people.get(n);
        return known != null ? known : add("U0SH" + code(n), n, n, n + "@shell.invalid");
    }

    private String add(String id, String name, String realName, String email) {
        slack.addUser(id, name, realName, email);
        people.put(name, id);
        names.put(id, name);
        return id;
    }

    /**
     * The channel named {@code name}, with the bot and {@code member} in it: the stored channel of that name if there
     * is one (its history is then the bot's context), else a new one, stored under its name for the next session.
     *
     * <p>The shell onboards no channel ({@code Ratchet#startSlackEventsWithoutOnboarding}): a stored channel keeps
     * its onboarding state as the real Slack left it, even one never onboarded (imported from an export, say), so that
     * {@code ratchet run} still fetches its history; a new one has no history to fetch.
     */
    String channel(String name, String member) {
        String n = checkName("channel", name);
        String known = channels.get(n);
        if (known != null) {
            return known;
        }
        Optional<String> storedId = storedChannel(n);
        storedId.ifPresent(storedChannels::add);
        String id = storedId.orElse("C0SH" + code(n));
        if (storedId.isEmpty()) {
            directory.upsertChannel(slack.teamId(), id, Map.of("name", n));
        }
        slack.addChannel(id, n);
        channels.put(n, id);
        names.put(id, n);
        slack.botJoins(id);
        slack.joins(id, member);
        return id;
    }

    private Optional<String> storedChannel(String name) {
        return stored.channelIdByName(name);
    }

    /** Whether a channel of this name was stored before this session. */
    boolean stored(String channelId) {
        return storedChannels.contains(channelId);
    }

    /** Slack markup as people read it: names for mentions and channel links, labels for links. */
    String readable(String mrkdwn) {
        return ShellText.unescape(directory.render(mrkdwn));
    }

    /** A readable name for a person, bot or channel id of this session, or null. */
    String name(String id) {
        return names.get(id);
    }

    /**
     * What was typed as Slack would send it: {@code @ratchet} or {@code @bot} mentions the bot, {@code @name} a person
     * of the workspace, {@code #name} a channel of the session; a literal {@code \n} is a line break.
     */
    String mrkdwn(String typed) {
        Matcher users = USER_MENTION.matcher(typed.replace("\\n", "\n"));
        StringBuilder s = new StringBuilder();
        while (users.find()) {
            String name = users.group(1).toLowerCase(Locale.ROOT);
            String id = name.equals("ratchet") || name.equals("bot") ? slack.botUserId() : people.get(name);
            users.appendReplacement(s, Matcher.quoteReplacement(id == null ? users.group() : "<@" + id + ">"));
        }
        users.appendTail(s);
        Matcher links = CHANNEL_LINK.matcher(s.toString());
        StringBuilder out = new StringBuilder();
        while (links.find()) {
            String id = channels.get(links.group(1));
            links.appendReplacement(
                    out, Matcher.quoteReplacement(id == null ? links.group() : "<#" + id + "|" + links.group(1) + ">"));
        }
        links.appendTail(out);
        return out.toString();
    }

    /** Six hex digits from a name: the same name gets the same id in every session. */
    private static String code(String name) {
        return String.format(Locale.ROOT, "%06X", name.hashCode() & 0xFFFFFF);
    }
}
