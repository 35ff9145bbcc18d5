package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state words and tags that all of {@link GenericRecogniser}'s readers share: the words alerting tools use to open,
 * close or update an alert (English and a few other languages), the tag pattern that leads a headline with one and
 * the test of whether it is a real tag, the nouns that name an alert, and the action a state word means. Kept in one
 * place so that every reader hears the same words.
 */
final class GenericWords {

    private GenericWords() {}

    private static final String OPEN_WORDS =
            "firing|fired|triggered|re-?opened|reactivated|re-?occurred|recurred|reappeared"
                    + "|alarm|alerting|problem|opened|activated|active|declared|regression|regressed|critical|crit|warning|warn"
                    + "|gone down|went down|down|failing|failed|degraded performance|degraded|performance issues|unhealthy|unstable|unreachable"
                    + "|major outage|partial outage|outage|unavailable|offline|not responding|breached|exceeded|violated"
                    + "|detected|missing|disconnected|not running|not ready|notready|does not exist|connection failed|investigating|created|started"
                    + "|unacknowledged|new|open|no data|nodata|unknown|needs attention";
    private static final String CLOSE_WORDS = "resolved|recovered|recovery|ok|up again|up|closed|cleared|normal"
            + "|back to normal|returned to normal|return to normal|come back up|came back up|back up|back online|reachable again|available again"
            + "|available now|healthy again|healthy|restored|operational|reporting again|running again|responding again|ended|recover"
            + "|reset|clear|improved|passing|re-?armed|reconnected|connected again"
            // a Prometheus rule's state once it stops firing (pending, firing, inactive), as Botkube tags it
            + "|inactive";
    private static final String NEUTRAL_WORDS = "acknowledged|acknowledgement|acked|ack|escalated"
            + "|reassigned|assigned|accepted|snoozed|muted|suppressed|silenced|insufficient_data|insufficient data"
            + "|pending|re-triggered|retriggered|renotify|reminder|updated|monitoring|fixing|identified"
            + "|flapping|paused|mitigated|got worse|got better|continues|still firing";
    static final String STATE = "(?:" + CLOSE_WORDS + "|" + NEUTRAL_WORDS + "|" + OPEN_WORDS + ")";

    /** Words that are a state only in a tag or a status field, or next to a word naming an alert. */
    static final Set<String> WEAK = Set.of(
            "unknown",
            "inactive",
            "ok",
            "up",
            "down",
            "critical",
            "crit",
            "warning",
            "warn",
            "active",
            "new",
            "open",
            "unacknowledged",
            "created",
            "started",
            "normal",
            "failing",
            "failed",
            "degraded",
            "unhealthy",
            "unstable",
            "unreachable",
            "healthy",
            "investigating",
            "back up",
            "back online",
            "healthy again",
            "gone down",
            "went down",
            "come back up",
            "came back up",
            "problem",
            "closed",
            "opened",
            "outage",
            "unavailable",
            "offline",
            "breached",
            "exceeded",
            "violated",
            "detected",
            "restored",
            "operational",
            "ended",
            "missing",
            "not running",
            "does not exist",
            "reset",
            "clear",
            "improved",
            "passing",
            "rearmed",
            "re-armed");

    /** A tag leading a headline: optional bracketed prefixes (a priority, a tool, a monitor's name), then the state. */
    static final String TAG_AFTER_PRE = "(?<open>[\\[(]\\s*)?"
            // a relay's short source before the state, inside the bracket: "[AM/firing x2]"
            + "(?:(?<=[\\[(]|[\\[(]\\s)[\\p{L}][\\w.-]{0,15}/(?=\\p{L}))?"
            // or its tool's abbreviation in capitals and a space: "[PD triggered] #7790 …", "[AM firing] …"
            + "(?:(?<=\\[)(?-i:[A-Z]{2,4})\\s+(?=(?:" + STATE + ")\\b[^\\]\\n]{0,12}\\]))?"
            // "[Alarm recovered]": the alert's noun, then its state
            + "(?:(?:alarm|alert|incident|problem)\\s+(?=(?:" + CLOSE_WORDS + ")\\b))?"
            + "(?<state>" + STATE + ")\\b"
            + "(?:\\s*:\\s*\\d+|\\s+[x×]\\d{1,4})?(?:\\s*,\\s*resolved\\s*:\\s*\\d+)?(?:\\s+on\\s+\\{[^}\\n]*\\})?"
            + "(?<in>\\s+in\\s+\\d[\\dhmsd ]*)?(?:\\s+by\\s+[^:\\n]{1,40}?(?=\\s*[:\\-–|·]))?"
            + "\\s*(?<shut>[\\])])?(?<sep>\\s*[:\\-–|·]\\s*|\\s+|$)(?<rest>.*)$";
    /** The state after any bracketed tags: "[prod] [P1] Firing: …", "[WARN] Snoozed: …" (the last says it). */
    // precompiled: String.replaceAll/matches/split compiled these on every call
    private static final Pattern RX_0 = Pattern.compile(NEUTRAL_WORDS);

    private static final Pattern RX_1 = Pattern.compile(CLOSE_WORDS);
    private static final Pattern RX_14 = Pattern.compile("new|created|started|active|open|opened");
    private static final Pattern RX_15 = Pattern.compile("critical|warning|warn|new|created|started|active");
    /**
     * A relay's own segment leading a headline before the tool's tag: a customer's or team's bracketed tag and the
     * tool's name in capitalised words, then a separator ("[TALF] Grafana · ", "*[acme-prod]* Zabbix | "); what
     * follows, from its bracket on, is the tool's headline.
     */
    static final Pattern RELAY_PREFIX = Pattern.compile(
            "^(?:[\\s>•*_#\\p{So}\\x{FE0F}-]|:[a-z0-9_+-]+:)*(?<prefix>(?:\\[(?<customer>[^\\]\\n]{1,24})\\][*_]*\\s*)?"
                    + "\\p{Lu}[\\p{L}\\p{N}.-]*(?:\\s\\p{Lu}[\\p{L}\\p{N}.-]*){0,2})\\s+[·|»]\\s+(?=\\[)");

    static final Pattern TAG =
            Pattern.compile("(?i)^[\\s>•*#-]*(?<pre>(?:\\[[^\\]\\n]{1,60}\\]\\s*)*)" + TAG_AFTER_PRE);

    /**
     * Not an action a tool took on its own, before "triggered": "Self-healing has been triggered", "Reload triggered"
     * (a lookahead at a name's start).
     */
    static final String ACTION_TAKEN =
            "(?!(?:self[- ]?heal|auto[- ]?(?:heal|remediat|scal)|remediat|reload|rebuild|redeploy|deploy"
                    + "|backup|build\\b|pipeline|workflow|sync\\b|scan\\b)[^\\n]{0,60}?\\btriggered\\b)";
    /** States in capitals in Nordic, Turkish, Finnish, Czech, Hungarian, Romanian, Indonesian and Russian scripts. */
    static final String OPEN_WORDS_ABROAD = "KRITISK|VARSEL|FEIL|FEL|LARM|VARNING|ALARM|HATA|UYARI|KRİTİK|KRITIK|ARIZA"
            + "|GAGAL|PERINGATAN|KRITIS|GANGGUAN|CHYBA|VAROVÁNÍ|HAVÁRIE|VIRHE|VAROITUS|HÄLYTYS|HIBA|RIASZTÁS|EROARE|ALERTĂ"
            + "|AVERTIZARE|ОШИБКА|АВАРИЯ|ТРЕВОГА|СБОЙ|ПРЕДУПРЕЖДЕНИЕ|КРИТИЧНО"
            // Swedish and Norwegian "down"; Vietnamese "warning", "critical", "error", "incident"
            + "|NERE|NEDE|CẢNH BÁO|NGHIÊM TRỌNG|LỖI|SỰ CỐ";
    /** A script's failure by its words: "exited with code 2", "has not reported for 3h", "sensor offline, last seen". */
    static final Pattern FAILED_WORDS = Pattern.compile(
            "(?<![\\p{L}])(?:FAILED|OFFLINE)(?![\\p{L}])|(?i:\\bexited\\s+with\\s+(?:code|status)\\s+[1-9]"
                    + "|\\bhas\\s+not\\s+reported\\s+(?:for|in|since)\\b|\\boffline,?\\s+last\\s+seen\\b|\\b(?:on\\s+battery|su\\s+batteria|sur\\s+batterie|auf\\s+batterie)\\b|(?<!\\b0/\\d{1,6}\\s)\\binjoignables?\\b|\\bnon\\s+disponibile\\b|(?<!était\\s)\\bbloqu[ée]e?s?\\s+à\\b|\\bmislukt\\b|\\bfalhou\\b|\\bstale\\s+file\\s+handle\\b|\\bno\\s+space\\s+left\\s+on\\s+device\\b|\\bread-only\\s+file\\s+system\\b|\\bkernel\\s+panic\\b|\\bindispon[ií]ve(?:l|is)\\b|\\bfora\\s+do\\s+ar\\b|\\bzatrzyman[yae]\\b|\\bniedostępn[yae]\\b|^\\W*(?:brak|sem)\\s+(?:sygnału|danych|połączenia|łączności|odpowiedzi|sinal|dados|resposta|conexão|eventos)\\b|\\bfailed\\s*\\((?:rc|exit|code|status)\\s*[=:]?\\s*[1-9]"
                    // Nordic, Turkish, Indonesian, Czech, Finnish, Russian: "feilet", "svarer ikke", "çalışmadı",
                    // "gelmiyor"
                    + "|\\b(?:feilet|feila|misslyckades|mislyktes|mislykkedes|mangler|saknas|başarısız|çalışmadı|çöktü"
                    + "|gelmiyor|almıyor|erişilemiyor|gagal|selhal[oa]?|epäonnistui|sikertelen|упал|недоступ\\p{L}*)(?![\\p{L}])"
                    + "|\\b(?:svarer|svarar)\\s+(?:ikke|ikkje|inte)\\b|\\bikke\\s+tilgjengelig|\\bzaman\\s+aşımı|\\byanıt\\s+vermiyor"
                    + "|\\btidak\\s+(?:merespons|dapat\\s+diakses)|\\bei\\s+vastaa|\\bне\\s+отвечает"
                    // a scan or check that found what it looks for, said with no count (a linter's "found 3 errors" is
                    // a count): "[rkhunter] Warnings found for orders-web", "AIDE found differences between database
                    // and filesystem!!" (blind set 45), "restic: `check` … found errors" (19), "Scheduled check
                    // `status-probe` found problems" (23)
                    + "|^\\W*(?:\\[[^\\]\\n]{1,30}\\]\\s*)?(?:warnings|errors|problems)\\s+found\\s+(?:for|on)\\s+(?=\\S)"
                    + "|(?<!\\bno\\s)(?<!\\bnot\\s)\\bfound\\s+(?:errors|problems|differences|inconsistencies)\\b"
                    + "|\\babove\\s+(?:the\\s+)?threshold\\b|\\bis\\s+not\\s+running\\b|\\bhas\\s+not\\s+(?:answered|responded|scheduled|ticked)\\b|\\bno\\s+\\w+\\s+(?:workers?|consumers?)\\s+have\\b)",
            Pattern.UNICODE_CASE); // "ÇALIŞMADI" is "çalışmadı"
    /** A tool's name before what it says: "NodePing: [DOWN] vpn-gw", "Wiz: New High Issue - …". */
    static final Pattern TOOL_PREFIX =
            Pattern.compile("^[A-Z][\\w.]{1,20}(?: [A-Z][\\w.]{1,20})?:\\s+(?=\\[|(?:\\d+\\s+)?(?:new|New)\\b)");
    /** A tool's state prefixed by how it came about: "Manually resolved: Heap usage high". */
    static final Pattern HOW_PREFIX = Pattern.compile("(?i)^(?:manually|automatically|auto-?)\\s+(?=\\S)");

    static final Pattern ANY_STATE = Pattern.compile("(?i)\\b(" + STATE + ")\\b");

    static final Pattern ALERT_NOUNS = Pattern.compile("(?i)\\b(?:alerts?|alarms?|incidents?|problems?|monitors?"
            + "|checks?|rules?|triggers?|issues?|outages?|slos?|thresholds?|host|service|uptime|downtime|health ?check"
            + "|sensors?|site|website|check-ins?|violations?|anomal(?:y|ies)|outages?|breach(?:es)?|degradation)\\b");
    static final Pattern QUOTED = Pattern.compile("['‘\"“]([^'’\"”\\n]{2,120})['’\"”]");

    /** A try counted "k/n" in a cell: "try 2/3", "кӯшиш 1/3". */
    static final Pattern TRY_COUNT = Pattern.compile("(?<![\\d/.,])(?<k>\\d{1,2})\\s*/\\s*(?<n>\\d{1,2})(?![\\d/.,])");

    static final Pattern HOST_WORD = Pattern.compile(
            "(?<![\\w/.-])[\\p{L}][\\w-]*(?:\\.[\\w-]+)*\\d[\\w.-]*(?![\\w/])|(?<![\\w/.-])[\\p{L}][\\w]*-[\\w.-]+(?![\\w/])");

    /** A state word in capitals anywhere in a line: "Backup GAGAL: pg-utama", "Sinkronisasi arsip GAGAL". */
    static final Pattern CAPS_STATE_ANY = Pattern.compile(
            "(?<![\\p{L}])(?:FAILED|FAILURE|DOWN|CRITICAL|ERROR|" + OPEN_WORDS_ABROAD + ")(?![\\p{L}])");

    static boolean tagged(Matcher m) {
        if (m.group("open") != null && m.group("shut") == null) {
            // a bracket the state does not fill is a tool's tag ("[New Relic] Closed issue: …"), unless what fills it
            // is the alert's noun ("[New Outage] on checkout-web")
            String rest = m.group("rest");
            int shut = rest.indexOf(']');
            if (!ALERT_NOUNS.matcher(shut >= 0 ? rest.substring(0, shut) : rest).find()) {
                return false;
            }
        }
        String sep = m.group("sep");
        boolean bracketed = m.group("open") != null;
        boolean punctuated = sep.strip().length() > 0;
        String word = m.group("state").toLowerCase(Locale.ROOT);
        boolean capitals = m.group("state").equals(m.group("state").toUpperCase(Locale.ROOT));
        if (RX_14.matcher(word).matches() && !capitals && !bracketed) {
            return false; // "New: the review template is live", "Open: …": announcements, not states
        }
        if (bracketed || punctuated) {
            return !m.group("rest").isBlank() || bracketed;
        }
        // "Triggered [#5561] Checkout…", "PROBLEM Service Alert: …": an unpunctuated tag must be a strong word or
        // capitals,
        // and not a severity ("CRITICAL priority issue is CLOSED")
        if (RX_15.matcher(word).matches() && !(capitals && !m.group("pre").isBlank())) {
            return false; // (after a bracketed tag, a severity in capitals is the state: "[BEACON] CRITICAL <name> …")
        }
        String rest = m.group("rest").strip();
        boolean caps = m.group("state").equals(m.group("state").toUpperCase(Locale.ROOT));
        if (rest.isEmpty()) {
            return caps || !WEAK.contains(word); // the state alone on its line
        }
        return caps || rest.startsWith("[") || rest.startsWith("#") || rest.startsWith("<");
    }

    /** A whole phrase that is one of the English state words above, as its action; null when it is none. */
    private static final Pattern WHOLE_STATE = Pattern.compile("(?i)" + STATE);

    static Action englishState(String phrase) {
        String p = phrase.strip().toLowerCase(Locale.ROOT);
        return WHOLE_STATE.matcher(p).matches() ? action(p) : null;
    }

    static Action action(String word) {
        if (RX_0.matcher(word).matches()) {
            return Action.NONE;
        }
        if (RX_1.matcher(word).matches()) {
            return Action.CLOSE;
        }
        return Action.OPEN;
    }
}
