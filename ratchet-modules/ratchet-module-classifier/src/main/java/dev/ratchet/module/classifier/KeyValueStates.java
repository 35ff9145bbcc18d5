package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a script's key=value line says (logfmt and the like: "job=x state=FAILED attempt=2/3"): the state its state key
 * gives, with what it names and where; a block of such pairs one to a line; a state value in a script without capitals;
 * a ZFS event daemon's words; and whether a run report's pass came at the first try or ends earlier failed tries. Kept
 * apart from {@link GenericRecogniser} because these readers see pairs, not headlines, and share their patterns with
 * nobody but {@link LookAlikes}.
 */
final class KeyValueStates {

    private KeyValueStates() {}

    /** A key=value pair of a script's line ("state=STOPPED", "måling=trafo_T1_oljetemp"). */
    static final Pattern LOGFMT_PAIR =
            Pattern.compile("(?<![^\\s\\[(])(?<key>[\\p{L}][\\p{L}\\w.-]{0,30})=(?<value>\"[^\"\\n]*\"|[^\\s=]+)");
    /** The keys of a key=value line that give a state, and the values that open and close. */
    private static final Pattern LOGFMT_STATE_KEY = Pattern.compile(
            "(?i)level|state|status|result|health|check_state|alert_state|severity_state|tilstand|durum|状態|状态",
            Pattern.UNICODE_CASE);

    private static final Pattern LOGFMT_OPEN = Pattern.compile(
            "(?i)alarm|alert|alerting|crit|critical|error|err|fail|failed"
                    + "|failing|down|stopped|ng|kritisk|kritik|varsel|hata|uyari|uyarı|warn|warning|unhealthy|degraded|firing"
                    + "|triggered|problem|lost|tapt|offline|unreachable|fehler|störung|larm|feil|fel|異常|障害|警告"
                    // missing: a job's run or a file that did not come ("status=SAKNAS", "status=MANGLER")
                    + "|missing|saknas|saknad|mangler|manglende|late|overdue|stale",
            Pattern.UNICODE_CASE);
    static final Pattern LOGFMT_CLOSE = Pattern.compile(
            "(?i)normal|ok|pass|passed|recovered|resolved|closed|cleared|clear|healthy|restored|normalt|正常|復旧|回復",
            Pattern.UNICODE_CASE);
    /** A state that says a thing runs, a close only beside a key that says it was down ("recovered_after=18m"). */
    private static final Pattern LOGFMT_RUNNING = Pattern.compile("(?i)up|started|running|active|online|established");

    static final Pattern LOGFMT_RECOVERY_KEY = Pattern.compile(
            "(?i)(?:recovered|resolved|cleared|restored|down|outage|downtime|var_i_alarm|was|prev|previous|before)(?:_[\\p{L}\\w]*)?");
    /** The keys of a key=value line that name what is measured or checked, and where. */
    private static final Set<String> LOGFMT_NAME_KEYS = Set.of(
            "check",
            "alert",
            "alertname",
            "rule",
            "monitor",
            "measurement",
            "metric",
            "måling",
            "mätning",
            "ölçüm",
            "condition",
            "unit",
            "probe",
            "job",
            "jobb",
            "test",
            "kontroll",
            "kontrol");

    private static final Set<String> LOGFMT_WHERE_KEYS = Set.of(
            "host",
            "värd",
            "vert",
            "node",
            "instance",
            "server",
            "service",
            "svc",
            "app",
            "channel",
            "index",
            "queue",
            "stasjon",
            "station",
            "site",
            "device",
            "target",
            "db",
            "database",
            "cluster",
            "pool",
            "gateway",
            "rtu",
            "sunucu");

    /** What a key=value line says: its state, what it names and where (the host, queue or index), or none. */
    record KeyValueState(String state, String name, String where) {}

    /**
     * The state a key=value line gives, with what it names and where, or null: a state key's
     * value, a Kubernetes node condition (Ready false, a pressure true, opens), or a value past the threshold beside it;
     * a trailing check mark or a recovery key ("recovered_after=9m") closes. Needs three pairs: a line with one or two
     * is prose.
     */
    static KeyValueState logfmtState(String line) {
        Matcher m = LOGFMT_PAIR.matcher(line);
        Map<String, String> pairs = new LinkedHashMap<>();
        while (m.find()) {
            pairs.putIfAbsent(
                    m.group("key").toLowerCase(Locale.ROOT), m.group("value").replace("\"", ""));
        }
        if (pairs.size() < 3 || pairs.getOrDefault("level", "").matches("(?i)info|debug|trace|notice")) {
            return null; // prose, or a log line that says it is information ("level=info msg=\"lag summary\"")
        }
        String name = "";
        String where = null;
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            if (name.isEmpty() && LOGFMT_NAME_KEYS.contains(e.getKey())) {
                name = e.getValue();
            } else if (where == null && LOGFMT_WHERE_KEYS.contains(e.getKey())) {
                where = e.getValue();
            }
        }
        boolean recoveryKey = pairs.keySet().stream()
                .anyMatch(k -> LOGFMT_RECOVERY_KEY.matcher(k).matches() && !k.equals("down"));
        boolean checkMark = line.strip().matches(".*[✓✔✅]\\W*$");
        String condition = pairs.get("condition");
        String status = pairs.get("status");
        if (condition != null && status != null && status.matches("(?i)true|false")) {
            boolean bad = condition.equalsIgnoreCase("ready") ^ status.equalsIgnoreCase("true");
            return new KeyValueState(bad ? "failed" : "recovered", condition, where);
        }
        String stateKey = null;
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            if (LOGFMT_STATE_KEY.matcher(e.getKey()).matches()
                    && (LOGFMT_CLOSE.matcher(e.getValue()).matches()
                            || LOGFMT_OPEN.matcher(e.getValue()).matches()
                            || LOGFMT_RUNNING.matcher(e.getValue()).matches()
                            || (StateWords.of(e.getValue().replace('_', ' ')) == Action.CLOSE && laterTry(pairs))
                            // a state key's value in the team's language ("status=ձախողված", "state=\"ІСКЕ
                            // ҚОСЫЛМАДЫ\"")
                            || StateWords.of(e.getValue().replace('_', ' ')) == Action.OPEN)) {
                stateKey = e.getKey();
                break;
            }
        }
        if (stateKey == null) {
            // the state column in the team's own language ("stav=CHYBA", "tila=PUUTTUU"): the one value written as a
            // state token in capitals, whatever its key is called
            for (Map.Entry<String, String> e : pairs.entrySet()) {
                String v = e.getValue();
                if (CAPS_TOKEN.matcher(v).matches()
                        && !NOT_A_STATE_TOKEN.matcher(v).matches()) {
                    if (stateKey != null) {
                        stateKey = null; // two capital tokens: no column says the state alone
                        break;
                    }
                    stateKey = e.getKey();
                }
            }
            if (stateKey == null) {
                stateKey = uncasedStateKey(pairs);
            }
            if (stateKey != null) {
                String v = pairs.get(stateKey);
                if (name.isEmpty() || where == null) {
                    // what it names and where, when their keys are in the team's language: the first identifier
                    // after the state's, the first host-like value after that
                    for (Map.Entry<String, String> e : pairs.entrySet()) {
                        String x = e.getValue();
                        if (e.getKey().equals(stateKey)
                                || !IDENT_VALUE.matcher(x).matches()) {
                            continue;
                        }
                        if (name.isEmpty() && !x.equals(where)) {
                            name = x;
                        } else if (where == null && !x.equals(name) && AlertNames.hostLike(x)) {
                            where = x;
                        }
                    }
                }
                if (LOGFMT_CLOSE.matcher(v).matches()
                        || LOGFMT_RUNNING.matcher(v).matches()
                        || StateWords.of(v.replace('_', ' ')) == Action.CLOSE) {
                    // a plain "OK" run report is no recovery: a note of prose beside it ("poznámka=\"first run after
                    // 2 errors\"") or a recovery key says what it ends
                    if (firstTryRun(pairs, line) && !recoveryKey && !checkMark) {
                        return null;
                    }
                    return recoveryKey || checkMark || PROSE_NOTE.matcher(line).find() || laterTry(pairs)
                            ? new KeyValueState("recovered", name, where)
                            : null;
                }
                return new KeyValueState(checkMark || recoveryKey ? "recovered" : "failed", name, where);
            }
        } else {
            if (name.isEmpty()) {
                // the check's key in the team's language ("cek=tcp/443"): the first identifier that is not where
                for (Map.Entry<String, String> e : pairs.entrySet()) {
                    String x = e.getValue();
                    if (!e.getKey().equals(stateKey)
                            && !LOGFMT_WHERE_KEYS.contains(e.getKey())
                            && IDENT_VALUE.matcher(x).matches()
                            && !x.equals(where)) {
                        name = x;
                        break;
                    }
                }
            }
            String v = pairs.get(stateKey);
            if (LOGFMT_CLOSE.matcher(v).matches() && firstTryRun(pairs, line) && !recoveryKey && !checkMark) {
                return null;
            }
            if (LOGFMT_CLOSE.matcher(v).matches() || (LOGFMT_RUNNING.matcher(v).matches() && recoveryKey)) {
                return new KeyValueState("recovered", name, where);
            }
            if (StateWords.of(v.replace('_', ' ')) == Action.CLOSE && laterTry(pairs)) {
                // "status=հաջող attempt=3/3": a pass in the team's words after failed tries ends them
                return new KeyValueState("recovered", name, where);
            }
            if (LOGFMT_OPEN.matcher(v).matches() || StateWords.of(v.replace('_', ' ')) == Action.OPEN) {
                return new KeyValueState(checkMark || recoveryKey ? "recovered" : "failed", name, where);
            }
        }
        if (CAPS_BRACKET_LEAD.matcher(line).find()) {
            // "[ΚΡΙΣΙΜΟ] κόμβος=krat-db01 έλεγχος=disk_data τιμή=93% όριο=90%": a capital tag alone leading key=value
            // pairs in the team's language, a measurement beside its limit (two values running, the same unit) over
            // it; what it names and where read from the values' shapes
            Matcher vl = VALUE_BESIDE_LIMIT.matcher(line);
            while (vl.find()) {
                if (!java.util.Objects.equals(vl.group("u1"), vl.group("u2"))) {
                    continue;
                }
                boolean over;
                try {
                    double v = Thresholds.number(vl.group("v1"));
                    double l = Thresholds.number(vl.group("v2"));
                    if (v == l) {
                        continue;
                    }
                    over = v > l;
                } catch (NumberFormatException e) {
                    continue;
                }
                for (Map.Entry<String, String> e : pairs.entrySet()) {
                    String x = e.getValue();
                    if (!IDENT_VALUE.matcher(x).matches()) {
                        continue;
                    }
                    if (where == null && AlertNames.hostLike(x) && !x.contains("_")) {
                        where = x;
                    } else if (name.isEmpty() && !x.equals(where)) {
                        name = x;
                    }
                }
                // under it: the same line's all-clear ("[ΕΠΙΛΥΘΗΚΕ] … τιμή=64% όριο=90%")
                return new KeyValueState(over ? "exceeded" : "recovered", name, where);
            }
        }
        Matcher over = Thresholds.OVER_THRESHOLD.matcher(line);
        if (Thresholds.overThreshold(over)) {
            if (name.isEmpty() && over.group("vkey") != null) {
                name = over.group("vkey"); // what it measured: "p95_wait=95s threshold=30s"
            }
            return new KeyValueState(checkMark || recoveryKey ? "recovered" : "exceeded", name, where);
        }
        return null;
    }

    /** A try counted as the first of some ("1/1", "1/3"), as a job's run report gives it in any language's key. */
    static final Pattern FIRST_TRY = Pattern.compile("\\s*1\\s*/\\s*[1-9]\\d*\\s*");

    /**
     * Whether a key=value run report says its run passed at the first try and how long it took ("job=x state=OK
     * attempt=1/1 took=26m"): no failure came before it in that run, so its OK ends nothing (a pass after retries,
     * "attempt=3/3", is one that ends its failures).
     */
    static boolean firstTryRun(Map<String, String> pairs, String line) {
        return pairs.values().stream().anyMatch(v -> FIRST_TRY.matcher(v).matches())
                && Thresholds.LENGTH_VALUE.matcher(line).find();
    }

    /** Whether a value counts a later try ("2/3", "3/3"): a pass after failed tries ends them. */
    private static boolean laterTry(Map<String, String> pairs) {
        for (String v : pairs.values()) {
            Matcher t = GenericWords.TRY_COUNT.matcher(v.strip());
            if (t.matches()
                    && Integer.parseInt(t.group("k")) >= 2
                    && Integer.parseInt(t.group("k")) <= Integer.parseInt(t.group("n"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key of a key=value line whose value is a state word in a script without capitals ("حالت=ناکام",
     * "สถานะ=ล้มเหลว"), an underscore for a space ("حالت=نہیں_چلا"), when it is the one such value; or null.
     */
    private static String uncasedStateKey(Map<String, String> pairs) {
        String key = null;
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            String v = e.getValue().strip();
            boolean capitals = v.codePoints().anyMatch(Character::isUpperCase) && v.equals(v.toUpperCase(Locale.ROOT));
            if (v.isEmpty()
                    || (!capitals && v.codePoints().anyMatch(c -> Character.isUpperCase(c) || Character.isLowerCase(c)))
                    || v.codePoints().noneMatch(Character::isLetter)) {
                continue; // (a state word in capitals with a mark no capital has, "LEʻI_AMATA", is one too)
            }
            Action a = StateWords.of(v.replace('_', ' '));
            if (a == Action.OPEN || a == Action.CLOSE) {
                if (key != null) {
                    return null;
                }
                key = e.getKey();
            }
        }
        return key;
    }
    /** A ZED event's pool state and its scan line's count of errors: "state: ONLINE", "with 0 errors". */
    private static final Pattern ZED_STATE = Pattern.compile("(?m)^\\s*state:\\s*(?<st>[A-Z_]+)\\s*$");

    static final Pattern ZED_CLEAN = Pattern.compile("\\bwith\\s+0\\s+errors\\b|No known data errors");

    /**
     * What a ZED event says: a device fault or a pool no longer ONLINE opens; a resilver finished (it runs only after a
     * device faulted or was replaced) with the pool ONLINE and no errors closes; a scrub or any other finish is a
     * report (null here, a look-alike there).
     */
    static String zedState(Matcher zed, String all) {
        Matcher st = ZED_STATE.matcher(all);
        String state = st.find() ? st.group("st") : "";
        boolean online = state.equals("ONLINE");
        if (zed.group("fault") != null || (!state.isEmpty() && !online)) {
            return "failed";
        }
        if ("resilver_finish".equals(zed.group("cls"))
                && online
                && ZED_CLEAN.matcher(all).find()) {
            return "recovered";
        }
        return null;
    }

    /** A value written as a state token: a word in capitals ("CHYBA", "PUUTTUU", "NESPUŠTĚNO", "OK"). */
    /** A capital tag alone leading a line, in any script: "[ΚΡΙΣΙΜΟ] …", "[KRITIKUS] …" (not "[TEST – …] [CRIT]"). */
    private static final Pattern CAPS_BRACKET_LEAD = Pattern.compile("^\\s*\\[\\p{Lu}[\\p{Lu} ]{1,30}\\]\\s+(?!\\[)");
    /** Two key=value measurements running, each with its unit: a value and the limit beside it ("93% όριο=90%"). */
    private static final Pattern VALUE_BESIDE_LIMIT =
            Pattern.compile("(?<![^\\s])[\\p{L}][\\p{L}\\w.-]{0,30}=(?<v1>\\d[\\d.,]*)(?<u1>%|\\p{L}{1,3})?\\s+"
                    + "[\\p{L}][\\p{L}\\w.-]{0,30}=(?<v2>\\d[\\d.,]*)(?<u2>%|\\p{L}{1,3})?(?=\\s|$)");

    private static final Pattern CAPS_TOKEN = Pattern.compile("\\p{Lu}{2,20}(?:_\\p{Lu}{1,20}){0,3}");
    /** Capital values that are no state: switches, environments, methods, protocols, levels of a log. */
    static final Pattern NOT_A_STATE_TOKEN = Pattern.compile(
            "ON|OFF|TRUE|FALSE|YES|NO|NULL|NONE|NA|PROD|PRODUCTION|DEV|STAGING|QA|UAT|TEST|GET|POST|PUT|DELETE|PATCH|HEAD"
                    + "|HTTP|HTTPS|TCP|UDP|ICMP|DNS|SSL|TLS|UTC|GMT|INFO|DEBUG|TRACE|NOTICE|(?!OK$|UP$)[A-Z]{2}|CET|CEST|EET|WIB|WITA|WIT|JST|KST"
                    + "|GB|MB|KB|TB|AM|PM|IPV4|IPV6|EU|US|APAC|EMEA|USD|EUR|CZK|HUF|IDR|SEK|NOK");
    /** A value that names something: an identifier, no spaces, not a number, time or size. */
    private static final Pattern IDENT_VALUE = Pattern.compile(
            "(?=\\S*\\p{L}\\S*\\p{L})(?![\\d.,:]+\\p{L}{0,3}$)(?!\\d[\\dhmsd.,:]*$)[\\p{L}\\p{N}][\\p{L}\\p{N}_.:/@-]{1,80}");
    /** A quoted note of several words, or a bare word of prose, beside a run's state: "poznámka=dohnáno". */
    private static final Pattern PROSE_NOTE = Pattern.compile(
            "(?<![^\\s])[\\p{L}][\\p{L}\\w.-]{0,30}=(?:\"[^\"\\n]*\\s[^\"\\n]*\"|\\p{Ll}{4,}(?=\\s|$))");

    /** A key=value pair alone on its line, a unit after its value allowed ("värde=182 GB"). */
    private static final Pattern LOGFMT_LINE =
            Pattern.compile("^[\\s*_>]*([\\p{L}][\\p{L}\\w.-]{0,30}=[^\\s=]+)(?:\\s+\\p{L}{1,5})?[\\s*_]*$");

    /**
     * The pairs of a key=value block written one to a line, after at most one title line, joined as one line; null
     * unless three lines in a row are each one pair.
     */
    static String logfmtBlock(String text) {
        List<String> pairs = new ArrayList<>();
        int seen = 0;
        for (String line : text.split("\n", 12)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LOGFMT_LINE.matcher(line);
            if (m.matches()) {
                pairs.add(m.group(1));
            } else if (!pairs.isEmpty() || ++seen > 1) {
                break;
            }
        }
        return pairs.size() >= 3 ? String.join(" ", pairs) : null;
    }
}
