package dev.ratchet.module.classifier;

import dev.ratchet.spi.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message as the recognisers read it: who posted it, its text with everything the alerting tools put in attachments,
 * blocks and emailed files folded in, and the structure that text loses (attachment and block fields as key/value
 * pairs, titles, colours).
 *
 * <p>Built from the Slack message JSON core keeps under {@code attrs.slack} when there is one, since core's stored text
 * leaves out the blocks of a message that also has a {@code text} fallback and the body of an email posted to a
 * channel; else from the stored text.
 *
 * @param username the name the integration posted under, may be null
 * @param bot      whether a bot or an integration posted it: a bot id, a {@code bot_message}, or a person's account
 *                 posting what only the API can post ({@link #integrationShaped})
 * @param text     the text, Slack markup kept, one part a line
 * @param fields   the attachment and block fields, keys lower-cased, in order (the first of a key wins)
 * @param titles   attachment titles, header blocks and email subjects, in order
 * @param colours  the attachments' colours ({@code danger}, {@code #D63232}), in order
 * @param buttons  the labels of the Block Kit buttons it offers ("Ack", "Escalate"), in order
 */
public record MessageView(
        String username,
        boolean bot,
        String text,
        Map<String, String> fields,
        List<String> titles,
        List<String> colours,
        List<String> buttons) {

    /** The field holding an edited message's text before the edit (the key no card writes). */
    static final String EDITED_FROM = "\u0000edited from";

    /**
     * The field holding a line the rules read first, led by the state a card keeps only in a menu's option or its header
     * ("🔴 *Job* `export` · 03:00"); the key no card writes, skipped by the learned stage's features.
     */
    static final String STATE_LEAD = "\u0000state lead";

    /**
     * The field holding an attachment's fallback state tag before its title ("[FIRING:2] Disk almost full on batch-03"),
     * a line the rules read first only when the title and text say no state; the key no card writes, skipped by the
     * learned stage's features.
     */
    static final String FALLBACK_LEAD = "\u0000fallback lead";

    /**
     * The field holding the ts of the message a reply answers in its thread (its {@code thread_ts}), for a reply only:
     * where a bare "✅" is the close of the alert it answers; the key no card writes, skipped by the learned stage's
     * features.
     */
    static final String REPLY_TO = "\u0000reply to";

    /** This view without field {@code key}, or with it set to {@code value} when that is not null. */
    MessageView withField(String key, String value) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        if (value == null) {
            f.remove(key);
        } else {
            f.put(key, value);
        }
        return new MessageView(username, bot, text, f, titles, colours, buttons);
    }

    private static final Pattern BLOCK_FIELD =
            Pattern.compile("(?s)^\\s*\\*?([^*:\\n]{1,40}?):?\\*?:?\\s*\\n\\s*(.+)$");

    public MessageView {
        text = text == null ? "" : text;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        titles = titles == null ? List.of() : List.copyOf(titles);
        colours = colours == null ? List.of() : List.copyOf(colours);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** A view with no buttons. */
    public MessageView(
            String username,
            boolean bot,
            String text,
            Map<String, String> fields,
            List<String> titles,
            List<String> colours) {
        this(username, bot, text, fields, titles, colours, List.of());
    }

    /** A message known only by its text (a fixture line, the CLI, an import without the Slack JSON). */
    public static MessageView ofText(String username, boolean bot, String text) {
        return new MessageView(username, bot, text, Map.of(), List.of(), List.of());
    }

    /** The view of a stored message: its Slack JSON when core kept it, else its text. */
    public static MessageView of(Message m) {
        String username = m.attrs().get("username") instanceof String u ? u : null;
        if (m.attrs().get("slack") instanceof Map<?, ?> slack) {
            @SuppressWarnings("unchecked")
            MessageView v = ofSlack((Map<String, Object>) slack);
            // core's text is what people search; the view adds to it, never loses what core folded in
            String text = v.text().isBlank() ? m.text() : v.text();
            return new MessageView(
                    username != null ? username : v.username(),
                    m.isFromBot() || v.bot(),
                    text,
                    v.fields(),
                    v.titles(),
                    v.colours(),
                    v.buttons());
        }
        MessageView v = ofText(username, m.isFromBot(), m.text());
        return m.threadTs()
                .filter(t -> !t.equals(m.ts()))
                .map(t -> v.withField(REPLY_TO, t))
                .orElse(v);
    }

    /**
     * The view of a Slack message JSON (as in events, history and export files): {@code bot_profile.name} or
     * {@code username}, {@code bot_id} or subtype {@code bot_message} for a bot, and the text of {@code text},
     * attachments (pretext, author, title, text, fields, footer; the fallback when there is neither title nor text),
     * blocks (always, also inside attachments) and emailed files (subject and preview).
     */
    public static MessageView ofSlack(Map<String, Object> message) {
        if ("message_changed".equals(message.get("subtype")) && message.get("message") instanceof Map<?, ?> edited) {
            // an edit event ("message_changed") carries the message as it now reads under "message": a bot that edits
            // its alert in place (firing, then resolved) says its state there
            @SuppressWarnings("unchecked")
            Map<String, Object> now = (Map<String, Object>) edited;
            MessageView v = ofSlack(now);
            if (message.get("previous_message") instanceof Map<?, ?> prev
                    && prev.get("text") instanceof String before) {
                // what it said before the edit, for the classifier to tell an update from a new open
                Map<String, String> fields = new LinkedHashMap<>(v.fields());
                fields.putIfAbsent(EDITED_FROM, before);
                v = new MessageView(v.username(), v.bot(), v.text(), fields, v.titles(), v.colours(), v.buttons());
            }
            return v;
        }
        List<String> parts = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> titles = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        List<String> buttons = new ArrayList<>();
        boolean bot = message.get("bot_id") != null
                || "bot_message".equals(message.get("subtype"))
                || integrationShaped(message);
        add(parts, message.get("text"));
        String fieldLead = null;
        if (message.get("attachments") instanceof List<?> attachments) {
            for (Object a : attachments) {
                if (a instanceof Map<?, ?> att) {
                    String side = bot && !blank(att.get("title"))
                            ? sideState(att.get("author_name"), att.get("footer"))
                            : null;
                    if (side == null && bot && !blank(att.get("title")) && fieldLead == null) {
                        // a state kept in one of the card's short fields leads its title as a tag, for the rules only
                        // (the learned stage's features skip it: its model stays as trained)
                        String field = fieldState(att);
                        fieldLead = field == null ? null : "[" + field + "] " + str(att.get("title"));
                    }
                    if (side != null) {
                        // the state a bot keeps beside its card's title, in the author line or the footer, leads it as
                        // a tag: "[KRITISK] db01 — disk /" (a reader finds the state where bots write it)
                        parts.add(0, "[" + side + "] " + str(att.get("title")) + raiseNote(side, att.get("text")));
                    }
                    add(parts, att.get("pretext"));
                    add(parts, att.get("author_name"));
                    add(parts, att.get("title"));
                    add(titles, att.get("title"));
                    add(parts, att.get("text"));
                    add(colours, att.get("color"));
                    if (att.get("fields") instanceof List<?> fs) {
                        for (Object f : fs) {
                            if (f instanceof Map<?, ?> field) {
                                String k = str(field.get("title"));
                                String v = str(field.get("value"));
                                add(parts, k.isEmpty() ? v : v.isEmpty() ? k : k + ": " + v);
                                putField(fields, k, v);
                            }
                        }
                    }
                    add(parts, att.get("footer"));
                    if (att.get("actions") instanceof List<?> actions) {
                        // a legacy interactive message's buttons ("Claim Incident", "Claim All")
                        for (Object e : actions) {
                            if (e instanceof Map<?, ?> el
                                    && "button".equals(el.get("type"))
                                    && el.get("text") instanceof String label) {
                                add(buttons, label);
                            }
                        }
                    }
                    if (att.get("blocks") instanceof List<?> inner) {
                        // Block Kit inside an attachment (an app's alert card with a coloured bar)
                        for (Object b : inner) {
                            block(b, parts, fields, titles);
                            buttons(b, buttons);
                        }
                    } else if (blank(att.get("text")) && blank(att.get("title"))) {
                        add(parts, att.get("fallback"));
                    }
                    if (blank(att.get("title")) && !blank(att.get("fallback"))) {
                        // the plain-text summary a template writes when it puts its headline in a pretext or text
                        // ("[FIRING:1] NodeFilesystemSpaceFillingUp" behind ":warning: *NodeFilesystem…* · warning")
                        add(titles, att.get("fallback"));
                    }
                }
            }
        }
        if (fieldLead != null) {
            fields.put(STATE_LEAD, fieldLead);
        }
        if (message.get("blocks") instanceof List<?> blocks) {
            for (Object b : blocks) {
                block(b, parts, fields, titles);
                buttons(b, buttons);
            }
            String side = bot ? contextState(blocks) : null;
            if (side == null && bot) {
                // or in the alt text of the section's status icon ("CRITICAL" on a red badge)
                side = accessoryState(blocks);
            }
            String head = side == null ? null : firstSectionLine(blocks);
            if (head != null) {
                // a Block Kit card whose state is only in its bottom context ("Status: *CRITICAL* · bot"): the state
                // leads the section's first line as a tag
                parts.add(0, "[" + side + "] " + head);
            } else if (bot) {
                String mark = buttonState(blocks);
                String line = mark == null ? null : firstSectionLine(blocks);
                if (line != null) {
                    // a card whose state is only the label of its first button ("🔴 KRITISK", "✅ LØST"): the label's
                    // mark leads the section's first line
                    parts.add(0, mark + " " + line);
                } else {
                    String lead = optionState(blocks);
                    if (lead == null) {
                        lead = headerState(blocks, str(message.get("text")));
                    }
                    if (lead == null) {
                        // a state kept in an image (a status badge), a runbook's checkboxes or a rich text's
                        // leading emoji element
                        String sectionLine = firstSectionLine(blocks);
                        lead = PlacedState.badge(blocks, sectionLine);
                        if (lead == null) {
                            lead = PlacedState.checklist(blocks, sectionLine);
                        }
                        if (lead == null) {
                            lead = PlacedState.leadingEmoji(blocks);
                        }
                    }
                    if (lead != null) {
                        // read by the rules only (the learned stage's features skip it: its model stays as trained)
                        fields.put(STATE_LEAD, lead);
                    }
                }
            }
        }
        if (message.get("files") instanceof List<?> files) {
            for (Object f : files) {
                if (f instanceof Map<?, ?> file && "email".equals(file.get("filetype"))) {
                    Object subject = file.get("subject") != null ? file.get("subject") : file.get("title");
                    add(parts, subject);
                    add(titles, subject);
                    // the body as sent, its lines kept ("Status: Resolved" on a line of its own), rather than the
                    // preview Slack cuts from it, which may run the lines together
                    add(parts, file.get("plain_text") != null ? file.get("plain_text") : file.get("preview"));
                }
            }
        }
        if (bot && !fields.containsKey(STATE_LEAD)) {
            // a state kept in the message's metadata (its event type) or an uploaded file's title
            String lead = PlacedState.metadata(message, str(message.get("text")));
            if (lead == null) {
                lead = PlacedState.fileTitle(message);
            }
            if (lead != null) {
                fields.put(STATE_LEAD, lead);
            }
        }
        if (bot) {
            // the state tag of a fallback kept under a title and text of the team's own, for a second reading
            String tag = PlacedState.fallbackTag(message);
            if (tag != null) {
                fields.put(FALLBACK_LEAD, tag);
            }
        }
        List<String> unique = new ArrayList<>();
        for (String p : parts) {
            if (!unique.contains(p)) {
                unique.add(p);
            }
        }
        if (message.get("thread_ts") instanceof String thread && !thread.equals(message.get("ts"))) {
            fields.put(REPLY_TO, thread);
        }
        // the name the message shows: the username an app posted under (a relay posting as "Sentry", "KEDA"), else
        // the app's own name
        String username = message.get("username") instanceof String u && !u.isBlank()
                ? u
                : message.get("bot_profile") instanceof Map<?, ?> profile && profile.get("name") != null
                        ? profile.get("name").toString()
                        : null;
        return new MessageView(username, bot, String.join("\n", unique), fields, titles, colours, buttons);
    }

    /** A label before a side line's state: "Status:", "ҲОЛАТ:", "Tūlaga:" (a word or two and a colon of any script). */
    private static final Pattern SIDE_LABEL =
            Pattern.compile("^\\p{L}[\\p{L}\\p{M}'ʻ’]*(?:\\s\\p{L}[\\p{L}\\p{M}'ʻ’]*)?[:：፦፥]\\s+(?=\\S)");

    /** Where a side line's state ends and the bot's signature begins: "ВАЗНИН · Нигоҳбон", "CRITICAL | checker". */
    private static final Pattern SIDE_SIGNATURE = Pattern.compile("\\s+[·•|]\\s+");

    /** A note in brackets after a state: a reminder's time ("(30 min)"). */
    private static final Pattern SIDE_NOTE = Pattern.compile("\\s*\\([^()\\n]{1,30}\\)\\s*$");

    /** A side line saying the message is a test or a dry run, in any of a few languages, before a dash or alone. */
    private static final Pattern SIDE_TEST = Pattern.compile(
            "(?iu)^(?:test|teszt|testi|testa|prueba|prova|teste|тест|проверка|санҷиш|suʻega|su'ega|ukuhlolwa|dry[ -]?run)"
                    + "(?![\\p{L}])");

    /**
     * The state a bot keeps in a side line of its card, the first of {@code lines} that is one: the whole line (an
     * author line "KUBUCAYI"), or after a label and before a signature ("ҲОЛАТ: ВАЗНИН · Нигоҳбон"), a known state
     * phrase in any language {@link StateWords} knows, a reminder's time in brackets kept; "TEST — …" for a side line
     * that says it is a test or a dry run; null when none is.
     */
    static String sideState(Object... lines) {
        for (Object o : lines) {
            if (blank(o)) {
                continue;
            }
            String s = o.toString().replaceAll("[*_`~]", "").strip();
            Matcher label = SIDE_LABEL.matcher(s);
            boolean labelled = label.find();
            s = labelled ? s.substring(label.end()) : s;
            s = SIDE_SIGNATURE.split(s, 2)[0].strip();
            if (s.isEmpty() || s.length() > 60) {
                continue;
            }
            // a word's last vowel sign is part of it (Devanagari "इशारा", "अयशस्वी", Gujarati, Bengali, Thai…: a
            // combining mark, no letter): only what is neither is trimmed
            String words = StateWords.trimmed(SIDE_NOTE.matcher(s).replaceFirst(""));
            if (SIDE_TEST.matcher(words).find()) {
                return "TEST — " + s;
            }
            if (!words.isEmpty() && StateWords.of(words) != null) {
                return words; // (a reminder's time in brackets stays in the line it came from)
            }
            String lead = labelled ? StateWords.leadingPhrase(words, true) : null;
            if (lead != null) {
                return lead; // "Status: Stängd av Cecilia Holm": the state, then who set it
            }
        }
        return null;
    }

    /** The one colour of a message's attachments as a state's colour (red, amber, green), or null (none, mixed, grey). */
    String attachmentColour() {
        String found = null;
        for (String c : colours()) {
            String colour = Marks.colour(c);
            if (!colour.equals("red") && !colour.equals("amber") && !colour.equals("green")) {
                return null;
            }
            if (found != null && !found.equals(colour)) {
                return null;
            }
            found = colour;
        }
        return found;
    }

    /**
     * The state a card keeps in one of its short fields, whatever the field's title is called in the bot's language
     * ("Estati: AN PÀN", "Rewş: HIŞYARÎ", "स्थिती: अयशस्वी", "Status: NAPAKYAS"): a field whose whole value is a state
     * phrase {@link StateWords} knows, in a card whose bar's colour says the same (red or amber for an open, green for a
     * close; an update, "still so", in any colour). Written from two sensor and two job cards in different languages (a
     * Haitian and a Kurmanji sensor card, a Cebuano and a Marathi job card, blind sets 45 and 46); the colour keeps out a
     * ticket's or a form's field that happens to be a state word. Null when no field is.
     */
    static String fieldState(Map<?, ?> att) {
        if (!(att.get("fields") instanceof List<?> fs) || !(att.get("color") instanceof String colour)) {
            return null;
        }
        String c = Marks.colour(colour);
        for (Object f : fs) {
            if (!(f instanceof Map<?, ?> field) || blank(field.get("value"))) {
                continue;
            }
            String v = str(field.get("value")).strip();
            if (v.length() > 40 || v.contains("\n") || v.matches(".*\\p{N}.*")) {
                continue;
            }
            String side = sideState(v);
            if (side == null || side.startsWith("TEST — ")) {
                continue;
            }
            Classification.Action a = StateWords.of(side);
            boolean agrees = a == Classification.Action.NONE
                    || (a == Classification.Action.OPEN && (c.equals("red") || c.equals("amber")))
                    || (a == Classification.Action.CLOSE && c.equals("green"));
            return agrees ? side : null;
        }
        return null;
    }

    /**
     * A segment of a card's text naming another open state in capitals ("93 % · аз ОГОҲӢ боло рафт": raised from a
     * warning), as a note in brackets after the lead, where a raise is read; empty when there is none.
     */
    private static String raiseNote(String side, Object text) {
        if (blank(text) || StateWords.of(side) != Classification.Action.OPEN) {
            return "";
        }
        for (String seg : SIDE_SIGNATURE.split(text.toString().strip())) {
            String s = seg.strip();
            if (s.length() <= 40
                    && !s.matches(".*\\p{N}.*")
                    && java.util.Arrays.stream(s.split("\\s+")).anyMatch(StateWords::capitalOpenWord)) {
                return " (" + s + ")";
            }
        }
        return "";
    }

    /** The state in a Block Kit context block's text ("Tūlaga: *MATAUTIA* · Leoleo"), or null. */
    private static String contextState(List<?> blocks) {
        for (Object b : blocks) {
            if (b instanceof Map<?, ?> block
                    && "context".equals(block.get("type"))
                    && block.get("elements") instanceof List<?> elements) {
                for (Object e : elements) {
                    if (e instanceof Map<?, ?> el && el.get("text") instanceof String t) {
                        String side = sideState(t);
                        if (side != null) {
                            return side;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** The state in the alt text of a section's accessory image (a status badge: "CRITICAL", "OK"), or null. */
    private static String accessoryState(List<?> blocks) {
        for (Object b : blocks) {
            if (b instanceof Map<?, ?> block
                    && "section".equals(block.get("type"))
                    && block.get("accessory") instanceof Map<?, ?> acc
                    && "image".equals(acc.get("type"))
                    && acc.get("alt_text") instanceof String alt) {
                String side = sideState(alt);
                if (side != null) {
                    return side;
                }
            }
        }
        return null;
    }

    /** A status mark's colour: a red, amber or green circle, square, heart or check mark ("🔴", "🟡", "✅"), or null. */
    private static final Pattern STATUS_MARK = Pattern.compile("^\\s*(?<mark>[\\p{So}✓✔✗✘])\\x{FE0F}?\\s*(?<rest>.*)$");

    /** A circle, square or ball of no alarm colour ("⚫", "🔵", "🟣"): its colour is the button's style. */
    private static final String PLAIN_MARKS = "⚫⚪🔵🟣🟤⬛⬜🟦🟪🟫";

    /**
     * The state in the label of an actions block's first button, as a status mark: a label led by a red or amber mark
     * ("🔴 KRITISK", "🟡 VARSEL") is "🔴", by a green one ("✅ LØST") "🟢"; a plain circle takes the colour of the button's
     * style (danger red, primary green); a label that is a state in capitals ("KRİTİK") is that state's mark. A label
     * led by anything else ("🔁", "🧪"), or an action's verb ("Acknowledge", "Resolve"), is none: null.
     */
    static String buttonState(List<?> blocks) {
        for (Object b : blocks) {
            if (b instanceof Map<?, ?> block
                    && "actions".equals(block.get("type"))
                    && block.get("elements") instanceof List<?> elements
                    && !elements.isEmpty()
                    && elements.get(0) instanceof Map<?, ?> el
                    && "button".equals(el.get("type"))
                    && el.get("url") == null
                    && el.get("text") instanceof Map<?, ?> t
                    && t.get("text") instanceof String label) {
                return labelState(label, el.get("style") instanceof String st ? st : "");
            }
        }
        return null;
    }

    /** {@link #buttonState} of one label and its button's style. */
    static String labelState(String label, String style) {
        Matcher m = STATUS_MARK.matcher(label.strip());
        if (m.matches()) {
            String mark = m.group("mark");
            String colour = Marks.symbolColour(mark);
            if (colour.equals("other") && "🟥🟧🟨✗✘".contains(mark)) {
                colour = "red";
            } else if (colour.equals("other") && "🟩✓".contains(mark)) {
                colour = "green";
            } else if (colour.equals("other") && PLAIN_MARKS.contains(mark)) {
                colour = style.equals("danger") ? "red" : style.equals("primary") ? "green" : "other";
            }
            return colour.equals("other") ? null : colour.equals("green") ? "🟢" : "🔴";
        }
        String words = label.strip();
        String bare = SIDE_NOTE.matcher(words).replaceFirst("").strip();
        if (!bare.isEmpty()
                && bare.equals(bare.toUpperCase(Locale.ROOT))
                && !bare.equals(bare.toLowerCase(Locale.ROOT))) {
            Classification.Action a = StateWords.of(bare);
            if (a == Classification.Action.OPEN) {
                return "🔴";
            }
            if (a == Classification.Action.CLOSE) {
                return "🟢";
            }
        }
        return null;
    }

    /**
     * A card whose state is only the option a section's menu shows: a {@code static_select}'s initial option or an
     * {@code overflow} menu's first option ("Fallido", "● Estado: ABIERTO", "Resuelto (ok)"). The option's state, read
     * whole, without a leading mark or label, or from its words in brackets, leads the section's first line as a mark:
     * "🔴 *Job* `export` · 03:00". An option that is an action or an acknowledgement leads nothing: null.
     */
    static String optionState(List<?> blocks) {
        for (Object b : blocks) {
            if (b instanceof Map<?, ?> block
                    && "section".equals(block.get("type"))
                    && block.get("accessory") instanceof Map<?, ?> acc) {
                Object option = null;
                if ("static_select".equals(acc.get("type"))) {
                    option = acc.get("initial_option");
                } else if ("overflow".equals(acc.get("type"))
                        && acc.get("options") instanceof List<?> options
                        && !options.isEmpty()) {
                    option = options.get(0);
                }
                if (option instanceof Map<?, ?> o
                        && o.get("text") instanceof Map<?, ?> t
                        && t.get("text") instanceof String label
                        && block.get("text") instanceof Map<?, ?> st
                        && st.get("text") instanceof String s
                        && !s.isBlank()) {
                    String mark = optionMark(label);
                    if (mark != null) {
                        return mark + " " + s.strip().split("\n", 2)[0];
                    }
                }
            }
        }
        return null;
    }

    private static final Pattern OPTION_LABEL = Pattern.compile(
            "^[^\\p{L}\\p{N}]*(?:[\\p{L}][^:\\n]{0,30}:\\s*)?(?<state>[^(—–\\n]+?)\\s*(?:\\((?<note>[^)]+)\\))?"
                    + "\\s*(?:[—–-].*)?$",
            Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * An option's text as a status mark: its state ("ABIERTO", "Fallido"), or the lower-case gloss in its brackets
     * ("Pantay (failed)"); else null.
     */
    static String optionMark(String label) {
        Matcher m = OPTION_LABEL.matcher(label.strip());
        if (!m.matches()) {
            return null;
        }
        for (String phrase : new String[] {m.group("state"), m.group("note")}) {
            if (phrase == null
                    || phrase.isBlank()
                    || (phrase == m.group("note") && !phrase.equals(phrase.toLowerCase(Locale.ROOT)))) {
                continue; // (a capitalised note is a name: "ANABATARA (Ngozi)")
            }
            Classification.Action a = StateWords.of(phrase.strip());
            if (a == Classification.Action.OPEN || (a == null && StateWords.opened(phrase.strip()))) {
                return "🔴";
            }
            if (a == Classification.Action.CLOSE) {
                return "🟢";
            }
            if (a != null) {
                return null; // an update or an acknowledgement
            }
        }
        return null;
    }

    /**
     * A card whose state is only in its header block, led by a red or amber mark ("🔴 DHARURA", "🟠 ONYO"), its details
     * in a list, or by a plain circle before an open state in capitals ("⚫ HAIJIBU"): the mark leads the message's text
     * (or, with none, the header's words). A header led by a green mark
     * (its words say whether it closes) or any other ("🔁", "🧪", "🛠") leads nothing: null.
     */
    static String headerState(List<?> blocks, String text) {
        if (!blocks.isEmpty()
                && blocks.get(0) instanceof Map<?, ?> block
                && "header".equals(block.get("type"))
                && block.get("text") instanceof Map<?, ?> t
                && t.get("text") instanceof String h) {
            Matcher m = STATUS_MARK.matcher(h.strip());
            if (!m.matches()) {
                return null;
            }
            String mark = labelState(h, "");
            if (mark == null && PLAIN_MARKS.contains(m.group("mark"))) {
                // a plain circle ("⚫ SVARER IKKE") has no colour: the words after it in capitals say
                mark = labelState(m.group("rest").replaceAll("\\s*\\([^)]*\\)\\s*$", ""), "");
            }
            if (!"🔴".equals(mark)) {
                // (a green header alone is as often a success never failed, "🟢 DAG Success": its words must say)
                return null;
            }
            String line = text.isBlank() ? m.group("rest") : text.strip().split("\n", 2)[0];
            return mark + " " + line;
        }
        return null;
    }

    /** The first line of a card's first section or header, markup removed, or null. */
    private static String firstSectionLine(List<?> blocks) {
        for (Object b : blocks) {
            if (b instanceof Map<?, ?> block
                    && ("section".equals(block.get("type")) || "header".equals(block.get("type")))
                    && block.get("text") instanceof Map<?, ?> t
                    && t.get("text") instanceof String s
                    && !s.isBlank()) {
                return s.strip()
                        .split("\n", 2)[0]
                        .replace("`", "")
                        .replace("*", "")
                        .strip();
            }
        }
        return null;
    }

    /**
     * Whether a message posted under a person's account carries what only an integration can post: an attachment that
     * is not a link preview or a shared message (a colour, a title, fields; unfurls carry {@code from_url} or
     * {@code original_url}, shares {@code is_share} or {@code is_msg_unfurl}), or a Block Kit section, header or
     * context block (Slack's own clients post {@code rich_text} blocks only). Scripts and workflows that post with a
     * user token land this way; a person pasting an alert's text does not.
     */
    static boolean integrationShaped(Map<String, Object> message) {
        if (message.get("attachments") instanceof List<?> attachments) {
            for (Object a : attachments) {
                if (a instanceof Map<?, ?> att
                        && att.get("from_url") == null
                        && att.get("original_url") == null
                        && att.get("is_share") == null
                        && att.get("is_msg_unfurl") == null
                        && att.get("message_blocks") == null
                        && (att.get("color") != null || att.get("fields") != null || att.get("title") != null)) {
                    return true;
                }
            }
        }
        if (message.get("blocks") instanceof List<?> blocks) {
            for (Object b : blocks) {
                if (b instanceof Map<?, ?> block
                        && ("section".equals(block.get("type"))
                                || "header".equals(block.get("type"))
                                || "context".equals(block.get("type")))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The field's value for the first of {@code keys} present, markup removed; empty when none is. */
    String field(String... keys) {
        for (String k : keys) {
            String v = fields.get(k);
            if (v != null && !v.isBlank()) {
                return SlackText.normalise(v).strip();
            }
        }
        return "";
    }

    private static void block(Object b, List<String> parts, Map<String, String> fields, List<String> titles) {
        if (!(b instanceof Map<?, ?> block)) {
            return;
        }
        Object type = block.get("type");
        if ("header".equals(type) && block.get("text") instanceof Map<?, ?> t) {
            add(parts, t.get("text"));
            add(titles, t.get("text"));
            return;
        }
        if (block.get("text") instanceof Map<?, ?> t) {
            add(parts, t.get("text"));
        }
        if (block.get("fields") instanceof List<?> fs) {
            for (Object f : fs) {
                if (f instanceof Map<?, ?> field && field.get("text") instanceof String s) {
                    // Block Kit has no field titles: tools write "*Status:*\nTriggered"
                    Matcher m = BLOCK_FIELD.matcher(s);
                    if (m.matches()) {
                        String k = m.group(1).strip();
                        String v = m.group(2).strip();
                        add(parts, k + ": " + v);
                        putField(fields, k, v);
                    } else {
                        add(parts, s);
                    }
                }
            }
        }
        if (block.get("elements") instanceof List<?> elements && !"actions".equals(type)) {
            for (Object e : elements) {
                if (e instanceof Map<?, ?> el) {
                    if (el.get("text") instanceof String s) {
                        add(parts, s);
                    } else if (el.get("elements") instanceof List<?> inner) {
                        // rich_text: sections of text runs
                        StringBuilder sb = new StringBuilder();
                        for (Object run : inner) {
                            if (run instanceof Map<?, ?> r && r.get("text") instanceof String s) {
                                sb.append(s);
                            }
                        }
                        add(parts, sb.toString());
                    }
                }
            }
        }
    }

    /** The labels of an actions block's buttons. */
    private static void buttons(Object b, List<String> out) {
        if (b instanceof Map<?, ?> block
                && "actions".equals(block.get("type"))
                && block.get("elements") instanceof List<?> elements) {
            for (Object e : elements) {
                if (e instanceof Map<?, ?> el
                        && "button".equals(el.get("type"))
                        && el.get("text") instanceof Map<?, ?> t) {
                    add(out, t.get("text"));
                }
            }
        }
    }

    private static void putField(Map<String, String> fields, String key, String value) {
        String k = SlackText.normalise(key).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!k.isEmpty() && !value.isBlank()) {
            fields.putIfAbsent(k, value.strip());
        }
    }

    private static boolean blank(Object o) {
        return o == null || o.toString().isBlank();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString().strip();
    }

    private static void add(List<String> parts, Object value) {
        if (value != null && !value.toString().isBlank()) {
            parts.add(value.toString().strip());
        }
    }
}
