package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook's event name that a relay prints beside what it relays ("`incident.triggered` · PagerDuty webhook v3",
 * "*Event:* incident.acknowledged", "incident.priority_updated #40152 …"): the event the tool sent says the state, in
 * lower case, a noun and a dot before it. A relay that shows every event alike (the same 🚨 card for a trigger, an
 * acknowledgement and a resolve) says it nowhere else.
 */
final class EventNames {

    private EventNames() {}

    /** A dotted event name of an alerting tool's webhook: the thing, a dot, what happened to it. */
    private static final Pattern EVENT = Pattern.compile(
            // (what happened is a past participle or a ping: "incident.io" is a product, not an event)
            "(?<![\\w.])(?<name>(?:incident|alert|alarm|issue|monitor|pagey)\\.(?<what>(?:[a-z_]+\\.)?[a-z_]*(?:ed|ping)))"
                    + "(?![\\w.]|\\.\\w)");

    private static final Pattern OPENS = Pattern.compile("triggered|opened|created|fired|firing|reopened");
    private static final Pattern CLOSES = Pattern.compile("resolved|closed|recovered");

    /** The one event name a message names, as {@code name} and its action; null when it names none or several. */
    record Event(String name, Action action) {}

    static Event of(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = EVENT.matcher(text);
        while (m.find()) {
            names.add(m.group("name"));
        }
        if (names.size() != 1) {
            return null;
        }
        String name = names.iterator().next();
        String what = name.substring(name.indexOf('.') + 1);
        Action a = OPENS.matcher(what).matches()
                ? Action.OPEN
                : CLOSES.matcher(what).matches() ? Action.CLOSE : Action.NONE;
        return new Event(name, a);
    }
}
