package dev.ratchet.spi.kit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that came from a model, made safe to post as Slack {@code mrkdwn}. A model's answer is not the bot's own
 * markup: it can be steered by what it read (a message, a document, a tool's result) into pinging a whole channel or
 * hiding a link behind a trusted-looking label. {@link #neutralise(String, Collection)} keeps what the model wrote
 * readable and its formatting ({@code *bold*}, {@code `code`}, lists) as it is, but:
 * <ul>
 *   <li>broadcasts ({@code <!channel>}, {@code <!here>}, {@code <!everyone>}) become plain text ({@code @channel}), which
 *       notifies nobody;</li>
 *   <li>user and group mentions ({@code <@U…>}, {@code <!subteam^S…>}) stay mentions only when their id is among the
 *       allowed ones (those of the request, see {@link #mentionsIn(String...)}); others become plain text
 *       ({@code @bob}, or the id);</li>
 *   <li>links show where they go: {@code <https://x|label>} becomes {@code label (<https://x>)}, {@code <https://x>}
 *       stays;</li>
 *   <li>every other {@code <}, {@code >} and {@code &} is {@linkplain BlockKit#escape(String) escaped}, except
 *       Slack's own entities ({@code &amp;}, {@code &lt;}, {@code &gt;}), which are kept rather than escaped twice.</li>
 * </ul>
 * Channel links ({@code <#C…>}) and dates ({@code <!date^…>}) are harmless and kept. The result is mrkdwn: put it into
 * a section or a post's text as it is, without escaping it again.
 *
 * <pre>
 * String text = ModelText.neutralise(answer, ModelText.mentionsIn(request.text()));
 * ctx.slack().post(key, SlackService.Post.reply(channel, thread, text));
 * </pre>
 *
 * @since 0.2
 */
public final class ModelText {

    // <…> with no < or > inside: a mention, a channel, a special or a link
    private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");
    private static final Pattern ENTITY = Pattern.compile("&(?:amp|lt|gt);");
    // a link target: a scheme and no white space (https:, http:, mailto:, slack:, …)
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s|]+");
    private static final Pattern MENTION_ID = Pattern.compile("<(?:@|!subteam\\^)([A-Z0-9_]+)(?:\\|[^<>]*)?>");

    private ModelText() {}

    /**
     * The model's text, as safe {@code mrkdwn} (see the class description). Null becomes the empty string. Any thread.
     *
     * @param modelText       what the model answered, meant as mrkdwn
     * @param allowedMentions user and group ids ({@code U…}, {@code W…}, {@code S…}) that may stay mentions: those the
     *                        request contained; null or empty allows none. Broadcasts are never allowed.
     */
    public static String neutralise(String modelText, Collection<String> allowedMentions) {
        if (modelText == null) {
            return "";
        }
        Set<String> allowed = allowedMentions == null ? Set.of() : Set.copyOf(allowedMentions);
        Matcher m = MARKUP.matcher(modelText);
        StringBuilder out = new StringBuilder(modelText.length() + 16);
        int last = 0;
        while (m.find()) {
            out.append(escapeText(modelText.substring(last, m.start())));
            out.append(markup(m.group(), m.group(1), allowed));
            last = m.end();
        }
        return out.append(escapeText(modelText.substring(last))).toString();
    }

    /**
     * The user and group ids mentioned in these Slack texts ({@code <@U1>}, {@code <@U1|bob>},
     * {@code <!subteam^S1|@oncall>}): the mentions a model's answer to them may echo. Null texts are skipped.
     */
    public static Set<String> mentionsIn(String... slackTexts) {
        Set<String> ids = new LinkedHashSet<>();
        if (slackTexts != null) {
            for (String text : slackTexts) {
                if (text != null) {
                    Matcher m = MENTION_ID.matcher(text);
                    while (m.find()) {
                        ids.add(m.group(1));
                    }
                }
            }
        }
        return ids;
    }

    private static String markup(String whole, String inner, Set<String> allowed) {
        int bar = inner.indexOf('|');
        String target = (bar < 0 ? inner : inner.substring(0, bar)).strip();
        String label = bar < 0 || inner.substring(bar + 1).isBlank()
                ? null
                : inner.substring(bar + 1).strip();
        if (target.startsWith("@")) {
            String id = target.substring(1);
            return allowed.contains(id) && id.matches("[A-Z0-9_]+") ? whole : plainMention(label, id);
        }
        if (target.startsWith("#")) {
            return target.length() > 1 && target.substring(1).matches("[A-Z0-9_]+")
                    ? "<" + target + (label == null ? "" : "|" + escapeText(label)) + ">"
                    : escapeText(whole);
        }
        if (target.startsWith("!")) {
            String special = target.substring(1);
            if (special.startsWith("subteam^")) {
                String id = special.substring("subteam^".length());
                return allowed.contains(id) && id.matches("[A-Z0-9_]+") ? whole : plainMention(label, id);
            }
            if (special.startsWith("date^") && label != null) {
                return "<" + target + "|" + escapeText(label) + ">";
            }
            // <!here>, <!channel>, <!everyone> and anything else Slack may treat as special: plain text
            return plainMention(label, special.replaceFirst("\\^.*", ""));
        }
        if (URL.matcher(target).matches()) {
            String url = target.replace(" ", "%20");
            if (label == null || label.equals(target) || ("mailto:" + label).equals(target)) {
                return "<" + url + ">";
            }
            return escapeText(label) + " (<" + url + ">)";
        }
        return escapeText(whole); // "a <b> c", "x < y > z": text
    }

    private static String plainMention(String label, String id) {
        String name = label != null ? label.replaceFirst("^[@#]", "") : id;
        return "@" + escapeText(name);
    }

    /** {@link BlockKit#escape(String)}, keeping the entities already there. */
    private static String escapeText(String text) {
        if (text.indexOf('<') < 0 && text.indexOf('>') < 0 && text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> {
                    Matcher e = ENTITY.matcher(text).region(i, text.length());
                    out.append(e.lookingAt() ? "&" : "&amp;");
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
