package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state a bot's line leads with in any language {@link StateWords} knows ("XƏBƏRDARLIQ: …", "VEFÞJÓNN NIÐRI"),
 * and a numbered incident's line ("Инцидент #77 · Помпа 3", "[#77 РЕШЕН] …"): what the words beside the number say.
 * Read by {@link GenericRecogniser} before the English positions, since these lines carry no English state word.
 */
final class LeadTags {

    private LeadTags() {}

    /**
     * A state phrase leading a line in the team's own words, before a separator: "⛔ CRÍTICO — erp-db01 :: disco …",
     * "*🔵 SUMASAGOT NA ULIT* | scanner-gw-bay2 | …", "DAL YN WEITHREDOL 30 mun :: lims-db01 › …", "[ΚΡΙΣΙΜΟ] …". Marks,
     * bold and a bracket may wrap it; a reminder's time may follow it ("(45 min)", "30 mun").
     */
    /**
     * Separators a bot may draw between a state, a host and a check besides "»" and "›": double and heavy angle
     * brackets and arrows ("🔴 سنگین ⟫ erp-app01 ⟫ disk", "CRIT ❯ web-01 ❯ load").
     */
    static final String MORE_ARROWS = "⟫⟩〉》❯❱➤➜→⇒";

    private static final Pattern LEAD_TAG =
            Pattern.compile("^(?<pre>(?:[\\s\\p{So}\\p{Sk}\\p{Cs}\\x{FE0F}\\x{200D}*_~>]"
                    + "|:[a-z0-9_+-]+:)*)(?<br>[\\[【](?:[\\s\\p{So}\\p{Sk}\\p{Cs}\\x{FE0F}\\x{200D}]|:[a-z0-9_+-]+:)*)?"
                    + "(?<tag>[\\p{L}][\\p{L}\\p{M}'’-]*(?:\\s[\\p{L}][\\p{L}\\p{M}'’.-]*){0,4}?)"
                    // (a count after the state: "[MENYALA x2]", "[TÜZEL:1]", as Alertmanager's "[FIRING:1]")
                    + "(?<end>(?:\\s+\\p{N}+\\s*\\p{L}{1,5}\\.?|\\s+[x×]\\s?\\p{N}{1,4}|:\\s?\\p{N}{1,4})?\\s*[\\]】][*_]*|[*_]+)?"
                    + "(?<time>\\s*\\([^()\\n]{1,24}\\)|\\s+\\p{N}+\\s*\\p{L}{1,5}\\.?"
                    // a close's time after a word for "in": "Résolu en 23m 14s : …", "Resolvido em 4m :"
                    + "|\\s+\\p{Ll}{2,4}\\s+\\d+\\s*[hms](?:\\s*\\d+\\s*[hms]){0,2})?"
                    + "\\s*(?<sep>::|[:|—–›»·▸▶►│┃¦" + MORE_ARROWS + "]|\\s-\\s|(?<=[\\]】*_])\\s"
                    // (or a bracketed priority after it: "LEZÁRVA [P2] …")
                    + "|(?<=\\S)\\s+\\[P[0-5]\\])\\s*(?<rest>\\S.*)$");

    /** A bot's numbered incident: what it says of it, the thing it is about, and the words that said so. */
    record NumberedIncident(Action action, String subject, String said) {}

    /**
     * A numbered incident leading a line: marks, maybe a bracket, words (the word for incident, or a state) around its
     * number, a separator, the thing it is about, maybe details after another separator: "Faʻalavelave #207 · Fale
     * mālūlū · …", "[#58 КУШОДА] Хати навъбандӣ 2 — …", "✅ №27 жабылды · Силос С-4 · …", "Isigameko 31 — Pasteuriser:
     * 🔴 KUVULIWE".
     */
    private static final Pattern NUMBERED_LINE = Pattern.compile(
            "^(?:(?!№)[\\s\\p{So}\\p{Sk}\\x{FE0F}\\x{200D}*_✓✔✗✘])*(?<br>\\[)?\\s*"
                    // (a tool's short name may be joined to the noun: "PD-hendelse #4411 LØST — …")
                    + "(?<pre>(?:[\\p{L}][\\p{L}\\p{M}'ʻ’]*(?:-[\\p{L}][\\p{L}\\p{M}]*)?\\s+){0,3}?)"
                    // (the state after it may be marked up and hyphenated: "#20931 *NA-TRIGGER*:")
                    + "(?<mark>#|№\\s?|No\\.\\s?)?(?<num>\\d{1,7})(?<post>(?:\\s+[*_]?[\\p{L}][\\p{L}\\p{M}'ʻ’-]*[*_]?){0,3})\\s*"
                    + "(?:\\]\\s*[·—–|:]?|[·—–|:])\\s*(?<subject>[^·—–|\\n]*[\\p{L}][^·—–|\\n]*?)\\s*(?:[·—–|]\\s*(?<details>.*))?$");

    /**
     * The word for a warning in the languages templates are localised into: a warning's transition is no alert of its
     * own ("Datadog · Предупреждение · …", as "Warn").
     */
    static final Pattern WARNING_WORD = Pattern.compile(
            "(?iu)warn|warning|предупреждение|попередження|varning|advarsel|warnung|avertissement|advertencia|aviso"
                    + "|avviso|ostrzeżenie|uyarı|babala|peringatan|cảnh báo|figyelmeztetés|varoitus|upozornění"
                    + "|προειδοποίηση|avertizare|waarschuwing|אזהרה|تحذير|警告|경고|คำเตือน");

    /** What a segment between middle dots says, and the segment naming what it is of. */
    record SegmentState(Action action, String subject, String said) {}

    /** A middle dot between segments of a line. */
    static final Pattern MIDDLE_DOT = Pattern.compile("\\s+·\\s+");

    /**
     * An alerting tool's short name, then its state in capitals and, between a relay's bars, the alerts' count: "NR
     * CLOSED", "AM FIRING x1".
     */
    private static final Pattern TOOL_SHORT_NAME_STATE = Pattern.compile("^(?:" + EventNames.ALERTING_TOOL_SHORT_NAMES
            + ")\\s+(?<state>\\p{Lu}{2,20}(?:\\s\\p{Lu}{2,20})?)(?:\\s+[x×]\\d{1,4})?$");

    /** A bar between a relay's fields. */
    private static final Pattern BAR = Pattern.compile("\\s+\\|\\s+");

    /** A count of alerts after a segment's state: "*firing* (1)". */
    private static final Pattern SEGMENT_COUNT = Pattern.compile("\\s*\\(\\d{1,4}\\)$");

    /** A word marked up whole: "*firing*", "_RESOLVED_". */
    private static final Pattern MARKED_WORD = Pattern.compile("([*_])\\p{L}[\\p{L} ]{1,30}\\1");

    private static final Pattern TRY_COUNT = Pattern.compile("\\d\\s*/\\s*\\d");

    /**
     * A bot's line of three to six segments between middle dots, one of them a state in capitals and nothing else
     * ("SCATS North · SI 2217 Marsh Rd · ALARM ON · Flashing Yellow", "… · RESOLVED · …"; no severity, no warning):
     * that state, and the segment after it as what it is of; null when no segment, or more than one, says a state, or
     * the state ends the line.
     */
    static SegmentState segmentState(String line) {
        String[] seg = MIDDLE_DOT.split(line.strip());
        boolean bars = false;
        if (seg.length < 3 && !line.strip().startsWith("|") && !line.strip().startsWith("│")) {
            // or bars between a relay's fields, not a table's row, where the state is the tool's: "CUE T-45 | AM FIRING
            // x1 | GateScanner… | …" (a job's "| *УСПЕШНО* |" between bars is a run report's)
            seg = BAR.split(line.strip());
            bars = true;
        }
        if (seg.length < 3
                || seg.length > (bars ? 8 : 6)
                || TRY_COUNT.matcher(line).find()) {
            // (a try of several, "· Versuch 2/3 ·", is a run's update; a count "13/14" a report's)
            return null;
        }
        int at = -1;
        Action found = null;
        boolean counted = false;
        for (int i = 0; i < seg.length; i++) {
            Matcher c = SEGMENT_COUNT.matcher(seg[i].strip());
            boolean count = c.find();
            String raw = count ? seg[i].strip().substring(0, c.start()) : seg[i];
            // a state marked up as a template prints its variable ("*firing* (1)") may be in lower case
            boolean marked = MARKED_WORD.matcher(raw.strip()).matches();
            String w = raw.replaceAll("[*_`]", "")
                    .replaceAll("^[\\p{So}\\x{FE0F}\\s]+", "")
                    .strip();
            Matcher shortName = TOOL_SHORT_NAME_STATE.matcher(w);
            if (shortName.matches()) {
                w = shortName.group("state"); // a relay's short name for the tool and the alerts' count: "AM FIRING x1"
            } else if (bars) {
                continue;
            }
            if (w.isEmpty()
                    || (!marked && !w.equals(w.toUpperCase(Locale.ROOT)))
                    || w.codePoints().noneMatch(Character::isLetter)
                    || w.split("\\s+").length > 3
                    || SEVERITY.matcher(w).matches()
                    || WARNING_WORD.matcher(w).matches()) {
                continue;
            }
            Action a = StateWords.ofOrEnglish(w);
            if (a != null) {
                if (at >= 0) {
                    return null;
                }
                at = i;
                found = a;
                counted = count && marked;
            }
        }
        if (at < 0 || (at == seg.length - 1 && !counted)) {
            return null; // (a state ending the line is a status's: "Opsgenie heartbeat *relay* · last ping 1 min · OK")
        }
        // (a marked state and its count of alerts may end the line: "Grafana · receiver `tos-sb` · *firing* (1)")
        String subject = at == seg.length - 1 ? seg[at - 1] : seg[at + 1];
        return new SegmentState(found, subject.replaceAll("[*_`]", "").strip(), seg[at].strip());
    }

    /** What a thing's line says by the state in capitals ending it after a colon: "Smart-ID: SUTRIKIMAS". */
    record ThingState(Action action, String thing, String said) {}

    private static final Pattern THING_COLON_STATE =
            Pattern.compile("^(?:[\\s\\p{So}\\x{FE0F}*_]|:[a-z0-9_+-]+:)*(?<thing>[^:\\n]{3,60}?)[*_]*\\s*:\\s+[*_]?"
                    + "(?<state>\\p{Lu}[\\p{Lu}\\p{M}]{3,20}(?:\\s\\p{Lu}[\\p{Lu}\\p{M}]{1,12})?)[*_]?\\s*$");

    /**
     * A bot's line naming a thing, a colon and its state in capitals in the template's language, nothing after it:
     * "Smart-ID autentifikacija: SUTRIKIMAS", "Mobile-ID: ATKURTA" (English capitals are read by the English
     * readings); null when the line is no such thing.
     */
    static ThingState thingState(String line) {
        Matcher m = THING_COLON_STATE.matcher(line.strip());
        if (!m.matches()) {
            return null;
        }
        String w = m.group("state");
        Action a = GenericWords.englishState(w) != null ? null : StateWords.of(w);
        return a == null ? null : new ThingState(a, m.group("thing").strip(), w);
    }

    /** A tool's short name or its name before the word for incident: "PD", "OG", "PagerDuty". */
    private static final Pattern TOOL_SHORT = Pattern.compile("\\p{Lu}{2,4}|\\p{Lu}\\p{Ll}+\\p{Lu}?\\p{Ll}*");

    /** A state after the thing an incident is about: "Pasteuriser: 🔴 KUVULIWE". */
    private static final Pattern SUBJECT_STATE = Pattern.compile(
            "^(?<thing>.+?):\\s+[\\p{So}\\p{Sk}\\x{FE0F}\\s]*(?<state>\\p{L}[\\p{L}\\p{M}'ʻ’ ]{1,60})$");

    /**
     * The numbered incident a bot's line names ({@link #NUMBERED_LINE}): opened when its words are the word for incident
     * in some language (and no state), else what the state word beside the number or after the thing says; null when
     * the words are neither.
     */
    static NumberedIncident numberedIncident(String line) {
        String l = SlackText.normalise(line).strip();
        Matcher m = NUMBERED_LINE.matcher(l);
        if (!m.find()) {
            return null;
        }
        String pre = m.group("pre").strip();
        String post = m.group("post").replaceAll("[*_]", "").strip();
        String[] preWords = pre.split("\\s+");
        // the word for incident, maybe after a tool's short name, joined or not: "PD-hendelse #…", "PD insidente #…"
        boolean noun = !pre.isEmpty()
                && (preWords.length == 1
                        || (preWords.length == 2
                                && TOOL_SHORT.matcher(preWords[0]).matches()))
                && StateWords.incident(preWords[preWords.length - 1].replaceFirst("^.*-", ""));
        if (!pre.isEmpty() && !noun && StateWords.of(pre) == null) {
            return null; // words of a sentence before the number ("Mirrored from incident #5530")
        }
        if (m.group("mark") == null && !noun) {
            return null; // a bare number is a count, unless the word for incident names it
        }
        String subject = m.group("subject").strip();
        Action action = null;
        String said = (pre + " " + m.group("num") + " " + post).strip();
        Matcher st = SUBJECT_STATE.matcher(subject);
        if (!post.isEmpty() && stateIn(post) == Action.NONE) {
            action = Action.NONE; // "PD-hendelse #4432 eskalert — …: køsystem nede": an update of what it says is down
        } else if (st.matches() && stateIn(st.group("state")) != null) {
            action = stateIn(st.group("state"));
            subject = st.group("thing").strip();
            said = st.group("state").strip();
        }
        if (action == null && !post.isEmpty()) {
            action = stateIn(post);
        }
        if (action == null && !pre.isEmpty() && !noun) {
            action = StateWords.of(pre);
        }
        if (action == null && noun && "green".equals(Marks.markColour(line.strip()))) {
            action = Action.CLOSE; // a green mark leading the incident's line: "🟢 Incidente #12 · bomba P-3"
        }
        if (action == null
                && noun
                && (post.isEmpty() || StateWords.opened(post))
                && !GenericWords.ANY_STATE.matcher(l.substring(m.end("num"))).find()) {
            action = Action.OPEN; // the incident's first post: no state word anywhere after its number
        }
        if (action == null || subject.isEmpty() || subject.length() > 60) {
            return null;
        }
        subject = subject.replaceAll("\\s*\\([^()]{1,40}\\)$", "").strip(); // "Fale mālūlū (coldroom)"
        return new NumberedIncident(action, subject, said);
    }

    /** An alert's noun and what happened to it, in the languages a team localises its templates into. */
    record NounState(Action action, String subject, String said) {}

    /**
     * Nouns an alerting template names its alert, rule or incident by, beside the numbered incident's ({@link
     * StateWords#incident}): English and the Romance and Germanic forms a localised template writes.
     */
    private static final Pattern ALERT_NOUN = Pattern.compile(
            "(?iu)alert|alerta|alerte|allerta|alarm|alarme|alarma|allarme|issue|incident|problem|problema|problème"
                    + "|zgłoszenie|incydent|melding|uyarı|uyarısı|olay|olayı|alarmı|ärende|ärendet|insiden|isu|problém|alertă|problemă|isyu|проблем"
                    + "|regra|regla|règle|regola|regel|monitor|monitore|monitoramento|monitoreo|störung|stoerung"
                    // Cyrillic, Greek, Finnish, Hungarian, Czech, Vietnamese, Arabic and Hebrew templates' nouns
                    + "|алерт|тривога|інцидент|аварія|инцидент|авария|тревога|оповещение|συναγερμός|περιστατικό"
                    + "|hälytys|häiriö|tapaus|riasztás|incidens|upozornění|výstraha|cảnh báo|sự cố|تنبيه|إنذار|حادث"
                    + "|התראה|אירוע"
                    // Nordic templates' nouns: a notice, an incident, an alarm, an error
                    + "|varsel|varsling|hendelse|hændelse|händelse|larm|fejl|feil");

    /** A Nordic or German compound naming an alert by its last part: "metrikkvarsel", "Speicheralarm". */
    private static final Pattern COMPOUND_ALERT_NOUN =
            Pattern.compile("(?iu)\\p{L}{3,}(?:varsel|alarm|larm|hendelse|hændelse|händelse)");

    /** The nouns of an English template: after them an English state is read by the English readings. */
    private static final Pattern ENGLISH_NOUN =
            Pattern.compile("(?i)alert|alarm|issue|incident|problem|monitor|rule|event|check|error");

    private static final Pattern ENGLISH_OPENED = Pattern.compile("(?i)opened|created|declared|active|new");

    /** Words a localised rule's state may be, not in the state lexicon as such: a rule "active" is one firing. */
    private static final Pattern ACTIVE =
            Pattern.compile("(?iu)ativa|ativo|activa|activo|active|actif|attiva|attivo|aktiv|aktywn[yae]");

    /**
     * A line naming an alert by its noun, then what happened to it, in any language the lexicon knows: "Alerta
     * resolvido: Uso de CPU …", "PagerDuty · Incidente #4812 aberto: Taxa de erro …", "[Elastic] Regra *Falhas de
     * login* recuperada: …", "Issue resolvido em *conta-digital*", "Alarme fermé · P2 · #88". The noun may carry a
     * number and a marked name; the state must end the phrase (a separator, a preposition or the line's end after it);
     * null when the line says no such thing.
     */
    static NounState nounState(String line) {
        Matcher m = NOUN_THEN_STATE.matcher(line.strip());
        boolean found = false;
        int from = 0;
        // (each word may be a noun, also one an earlier try took for a state: "Sentry metric alert *…*:")
        while (!found && m.find(from)) {
            found = ALERT_NOUN.matcher(m.group("noun")).matches()
                    || COMPOUND_ALERT_NOUN.matcher(m.group("noun")).matches()
                    || StateWords.incident(m.group("noun"));
            from = m.end("noun");
        }
        if (!found) {
            return null;
        }
        // (a state of several words marked up before a colon: "metric alert *NALUTAS NA*:")
        String word = m.group("marked") != null ? m.group("marked") : m.group("state");
        Action a = null;
        if (GenericWords.englishState(word) != null
                || ENGLISH_OPENED.matcher(word).matches()) {
            if (ENGLISH_NOUN.matcher(m.group("noun")).matches() || m.group("marked") != null) {
                return null; // English is read by the English readings, which know a tracker's "Issue #91 opened"
            }
            // an English state after a noun in another language, marked up: "метрична тревога *resolved*:"
            a = line.contains("*" + word + "*") || line.contains("_" + word + "_")
                    ? GenericWords.englishState(word)
                    : null;
            if (a == null) {
                return null;
            }
        }
        if (a == null) {
            a = StateWords.of(word);
        }
        if (a == null && (StateWords.opened(word) || ACTIVE.matcher(word).matches())) {
            a = Action.OPEN;
        }
        if (a == null) {
            return null;
        }
        String after = m.group("after") == null ? "" : m.group("after").strip();
        String named = m.group("name") == null
                ? ""
                : m.group("name").replaceAll("[*_`\"'“”]", "").strip();
        String subject = !named.isEmpty() ? named : after;
        if (subject.isEmpty()) {
            // what follows the state on its line, less an id in brackets: "alerta creada [2201] Cola de facturas llena"
            subject = line.strip()
                    .substring(Math.min(line.strip().length(), m.end(m.group("marked") != null ? "marked" : "state")))
                    .replaceFirst("^\\s*\\[[^\\]\\n]{1,20}\\]", "")
                    .replaceFirst("\\s*[·|].*$", "")
                    .replaceAll("[*_]", "")
                    .strip();
        }
        return new NounState(a, subject, m.group("noun") + " … " + word);
    }

    private static final Pattern NOUN_THEN_STATE =
            // (a tool's name may be joined to the noun: "New Relic-issue geopend: …")
            Pattern.compile("(?iu)(?:^|[\\s\\]·|:>*_]|(?<=\\p{L})-)(?<noun>\\p{L}{4,14})\\s+(?:#\\d{1,9}\\s+)?"
                    + "(?<name>[*_`\"“][^*_`\"”\\n]{1,80}[*_`\"”]\\s+)?"
                    // (marked up, hyphenated: "isyu *na-trigger*:")
                    + "(?:[*_](?<marked>\\p{L}[\\p{L}-]{1,14}(?:\\s\\p{L}{2,10}){1,2})[*_](?=\\s*:)|[*_]?(?<state>\\p{L}[\\p{L}-]{3,14})[*_]?)"
                    + "(?=\\s*(?:[:·|—–*_\\[-]|$|\\s(?:em|por|en|par|von|by|in|on|de|da|do|i|på|af|av)\\s))"
                    + "(?:[^:\\n]*:\\s*(?<after>[^\\n]{2,120}))?");

    /** A tool's name as written leading a line, then a drawn separator: "Datadog ▸ ", "New Relic › ". */
    private static final Pattern TOOL_NAME_SEP = Pattern.compile("^(?:[\\s\\p{So}\\x{FE0F}*_]|:[a-z0-9_+-]+:)*"
            // (a relay's bracketed channel or desk first: "[PL3 • TECH] Grafana ▸ firing ▸ …")
            + "(?:\\[[^\\]\\n]{1,20}\\]\\s+)?"
            // (or a relay's short name for an alerting tool before an arrow: "NR ▸ CLOSED ▸ …")
            + "(?:\\p{Lu}\\p{Ll}[\\p{L}.]{1,20}(?:\\s\\p{Lu}[\\p{L}.]{1,20})?|(?:"
            + EventNames.ALERTING_TOOL_SHORT_NAMES + ")(?=\\s+[▸›»]))[*_]*\\s+"
            // (or a status mark: "Opsgenie 🟥 NYITOTT [P2] …")
            + "(?:(?<sep>[▸›»·])\\s+|(?=[\\p{So}\\x{FE0F}]))(?=\\S)");

    /** A name of up to three words and a colon, then a bracket: "Grafana teavitus: [", "Zabbix-ilmoitus: [". */
    private static final Pattern PREFIX_THEN_BRACKET = Pattern.compile(
            "^(?:[\\s\\p{So}\\x{FE0F}*_]|:[a-z0-9_+-]+:)*\\p{Lu}[\\p{L}.-]{1,20}(?:\\s[\\p{L}.-]{2,20}){0,2}:\\s+(?=\\[)");

    /**
     * A tool's name in brackets leading a line, then a space: "[Datadog] ", "*[Opsgenie]* " (a name as written, not a
     * note in capitals: "[UJIAN] [KRITIKAL] …" is a test's copy).
     */
    private static final Pattern TOOL_BRACKET = Pattern.compile(
            "^(?:[\\s\\p{So}\\x{FE0F}*_]|:[a-z0-9_+-]+:)*\\[\\p{Lu}\\p{Ll}[\\p{L}\\p{N} .-]{0,20}\\][*_]*\\s*(?=\\S)");

    /**
     * After a tool's name and its separator, the state as a machine prints it: an English state in code quotes
     * ("*Alertmanager* › `firing` › *Name* (1)") or in capitals ("New Relic · CLOSED · …"; not a severity), or the
     * template's word for opened in capitals ("Opsgenie 🟥 NYITOTT [P2] …"); null when none leads {@code rest}.
     */
    private static LeadTag toolSaid(String rest) {
        Matcher m = TOOL_SAID.matcher(rest);
        if (!m.find()) {
            return null;
        }
        if (m.group("low") != null) {
            // a template's word as people write it, before another separator: "Sentry › vyriešené › …"
            String low = m.group("low");
            if (TOOL_STATE.matcher(low).matches()
                    && rest.substring(m.end("low")).strip().charAt(0) != '·') {
                // a tool's own state word as its payload spells it, between arrows: "Grafana ▸ firing ▸ …"
                return new LeadTag(
                        GenericWords.englishState(low), low, m.group("rest").strip(), false);
            }
            Action said = GenericWords.englishState(low) == null
                            && !WARNING_WORD.matcher(low).matches()
                    ? StateWords.of(low)
                    : null;
            return said == null ? null : new LeadTag(said, low, m.group("rest").strip(), false);
        }
        String w = m.group("code") != null ? m.group("code") : m.group("caps");
        Action a = m.group("code") != null ? GenericWords.englishState(w) : StateWords.opened(w) ? Action.OPEN : null;
        if (a == null && m.group("caps") != null && !SEVERITY.matcher(w).matches()) {
            a = GenericWords.englishState(w); // an English state in capitals: "New Relic · CLOSED · …"
        }
        return a == null ? null : new LeadTag(a, w, m.group("rest").strip(), false);
    }

    /** The states alerting tools' payloads spell in lower case: Alertmanager's and Grafana's, PagerDuty's. */
    private static final Pattern TOOL_STATE = Pattern.compile("firing|resolved|triggered|alerting");

    /** How bad, not what happened: a severity after a tool's name is no state ("· CRITICAL ·" beside "CHIUSA"). */
    private static final Pattern SEVERITY = Pattern.compile(
            "(?i)critical|crit|warning|warn|major|minor|high|medium|low|error|severe|fatal|disaster|info|p[0-5]");

    private static final Pattern TOOL_SAID = Pattern.compile(
            "^(?:[\\p{So}\\x{FE0F}]+\\s*)?(?:`(?<code>[a-z]{2,12})`|(?<caps>\\p{Lu}[\\p{Lu}\\p{M}]{2,14})"
                    + "|(?<low>\\p{Ll}[\\p{L}\\p{M}]{3,20}(?=\\s+[▸›»·|]\\s)))\\s*"
                    + "(?:[▸›»·|:—–]|\\[P[0-5]\\])\\s*(?<rest>\\S.*)$");

    /** What the words of a phrase say as a state: the whole, else its last two words or last word; null if nothing. */
    private static Action stateIn(String phrase) {
        String[] w = phrase.strip().split("\\s+");
        Action a = StateWords.of(phrase.strip());
        if (a == null && w.length >= 2) {
            a = StateWords.of(w[w.length - 2] + " " + w[w.length - 1]);
        }
        if (a == null && w.length >= 2) {
            a = StateWords.of(w[0] + " " + w[1]);
        }
        if (a == null) {
            a = StateWords.of(w[w.length - 1]);
        }
        if (a == null) {
            a = StateWords.of(w[0]);
        }
        return a;
    }

    /**
     * What a state phrase leading a line says: the action its words give, the phrase, and what follows it; {@code noun}
     * when the phrase is an alert's noun and then its state ("ALERTA FINALIZADA", "ALARM AKTIV").
     */
    record LeadTag(Action action, String tag, String rest, boolean noun) {

        /** Whether the phrase is written in capitals, as a template prints a state ("UTLÖST", "ĐÃ KHẮC PHỤC"). */
        boolean inCapitals() {
            return tag.equals(tag.toUpperCase(Locale.ROOT));
        }
    }

    /** The state phrase leading a raw line in any of the languages {@link StateWords} knows, or null. */
    static LeadTag leadTag(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Matcher prefixed = PREFIX_THEN_BRACKET.matcher(raw.strip());
        if (prefixed.find()) {
            // a tool's or a relay's words and a colon before the template's bracketed state: "Grafana teavitus: [HÄIRE]
            // …"
            LeadTag after = leadTag(raw.strip().substring(prefixed.end()));
            if (after != null) {
                return after;
            }
        }
        Matcher m = LEAD_TAG.matcher(raw.strip());
        boolean lead = m.find();
        Matcher named = TOOL_NAME_SEP.matcher(raw.strip());
        if (named.find() && (!lead || StateWords.of(m.group("tag").strip()) == null)) {
            // a relay's tool name, then its separator, then the template's state in capitals: "Datadog ▸ UTLÖST ▸ …"
            String rest = raw.strip().substring(named.end());
            LeadTag after = leadTag(rest);
            if (after != null
                    && (after.inCapitals()
                            // a template's word between middle dots, as people write it: "Grafana · Тревога · …"
                            || ("·".equals(named.group("sep"))
                                    && !after.rest().isEmpty()
                                    && !WARNING_WORD.matcher(after.tag()).matches()
                                    && GenericWords.englishState(after.tag()) == null
                                    && StateWords.of(after.tag()) != null))) {
                return after;
            }
            LeadTag said = toolSaid(rest);
            if (said != null) {
                return said;
            }
        }
        if (!lead) {
            return null;
        }
        Matcher tool = TOOL_BRACKET.matcher(raw.strip());
        if (tool.find()
                && StateWords.of(m.group("tag").strip()) == null
                && endingState(m.group("tag").strip()) == null) {
            // a relay's bracketed tool name first: "[Datadog] Disparado: …", "[Niagara] Offnormal: …"
            String after = raw.strip().substring(tool.end());
            LeadTag retried = leadTag(after);
            if (retried != null) {
                return retried;
            }
            // or the template's state phrase alone after it, not English: "✅ *[WatchAlert] 恢复通知*"
            String alone = after.replaceAll("[*_\\s]+$", "").strip();
            Action said = StateWords.of(alone);
            return said != null && GenericWords.englishState(alone) == null && !alone.isEmpty()
                    ? new LeadTag(said, alone, "", false)
                    : null;
        }
        String tag = m.group("tag").strip();
        Matcher shortName = TOOL_SHORT_NAME_STATE.matcher(tag);
        Action action;
        if (shortName.matches() && StateWords.ofOrEnglish(shortName.group("state")) != null) {
            // a relay's short name for the alerting tool before its state in capitals: "✔️ NR CLOSED — Error rate …"
            tag = shortName.group("state");
            action = StateWords.ofOrEnglish(tag);
        } else {
            action = StateWords.of(tag);
        }
        boolean noun = false;
        if (action == null) {
            action = nounTag(tag);
            noun = action != null;
        }
        if (action == null) {
            action = endingState(tag);
        }
        if (action == null) {
            return null;
        }
        boolean wrapped = m.group("br") != null
                || (m.group("end") != null && !m.group("end").isBlank());
        // Georgian letters are lowercase to Unicode but written without case: its words are as a bot would write them
        boolean cased = tag.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) != Character.UnicodeScript.GEORGIAN)
                .anyMatch(c -> Character.isUpperCase(c) || Character.isLowerCase(c));
        boolean capitals = tag.equals(tag.toUpperCase(Locale.ROOT));
        String sep = m.group("sep").strip();
        if (cased && !capitals) {
            // a word as people write it: only a bot's hard separator makes it a tag ("Rhybudd :: …"), not a colon
            // (French sets a space before its colon: "Problème : Charge CPU élevée …" is a template's tag)
            boolean frenchColon =
                    sep.equals(":") && m.start("sep") > 0 && raw.strip().charAt(m.start("sep") - 1) == ' ';
            // a template's one state word of the lexicon, in a language not English, before its colon: "Problema: …",
            // "Resuelto en 18m: …" (English capitalised words before a colon are read by the English readings)
            boolean templateWord = sep.equals(":")
                    && !tag.contains(" ")
                    && StateWords.of(tag) != null
                    && GenericWords.englishState(tag) == null
                    && !m.group("rest").isBlank();
            if (!Character.isUpperCase(tag.codePointAt(0))
                    || (sep.equals(":") && !frenchColon && !templateWord)
                    || sep.equals("-")
                    // a bracket is a bot's hard separator too: "[Stängd] Opsgenie-larm #5120", "[Σε συναγερμό] …"
                    || (sep.isEmpty() && m.group("br") == null)) {
                return null;
            }
        }
        if (!wrapped && sep.isEmpty()) {
            return null;
        }
        if (action == Action.OPEN) {
            // "⛔ CRÍTICO — … _(subido desde AVISO)_": a severity raised from a state it names is an update
            Matcher note = RAISED_NOTE.matcher(m.group("rest"));
            while (note.find()) {
                String[] w = note.group(1).strip().split("\\s+");
                String last = w[w.length - 1];
                String lastTwo = w.length >= 2 ? w[w.length - 2] + " " + last : last;
                if (w.length >= 2
                        && (StateWords.of(last) == Action.OPEN
                                || StateWords.of(lastTwo) == Action.OPEN
                                || StateWords.inflected(last) == Action.OPEN
                                || Arrays.stream(w).anyMatch(StateWords::capitalOpenWord))) {
                    return new LeadTag(Action.NONE, tag, m.group("rest").strip(), false);
                }
            }
        }
        return new LeadTag(action, tag, m.group("rest").strip(), noun);
    }

    /**
     * What a tag of two to four words in capitals says by the state ending it, what it is of first: "HEARTBEAT
     * MISSING", "HJERTESLAG BORTE", "SIGNAL ERËM DO"; null for words as people write them or a tag no state ends.
     */
    static Action endingState(String tag) {
        String[] words = tag.split("\\s+");
        if (words.length < 2
                || words.length > 4
                || !tag.equals(tag.toUpperCase(Locale.ROOT))
                || tag.codePoints().noneMatch(Character::isUpperCase)) {
            return null;
        }
        Action a = StateWords.condition(tag, true);
        return a == Action.NONE ? null : a;
    }

    /**
     * What a tag naming an alert by its noun, then its state, says by that state: "[ALERTA FINALIZADA]", "*ALARM
     * OPHØRT*", "[ALERTA ACTIVA ×1]" (a template's headline in its language, where the noun alone would read as a
     * firing); null when the first word is no alert noun or the rest no state.
     */
    static Action nounTag(String tag) {
        String[] w = tag.split("\\s+", 2);
        if (w.length < 2
                || !(ALERT_NOUN.matcher(w[0]).matches() || StateWords.incident(w[0]))
                || w[1].split("\\s+").length > 2) {
            return null;
        }
        Action a = StateWords.of(w[1]);
        if (a == null && (StateWords.opened(w[1]) || ACTIVE.matcher(w[1]).matches())) {
            a = Action.OPEN;
        }
        return a;
    }

    /** A note in brackets at the end of a line: "_(subido desde AVISO)_", "(codwyd o RHYBUDD)". */
    private static final Pattern RAISED_NOTE = Pattern.compile("[(（]([^()（）\\n\\p{N}]{3,40})[)）][_*]*\\s*$");
}
