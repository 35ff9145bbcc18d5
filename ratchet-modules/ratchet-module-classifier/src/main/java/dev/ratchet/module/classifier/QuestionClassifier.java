package dev.ratchet.module.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a person asking for help in a Slack message, and the replies that answer it, from the text alone (no
 * LLM): the "ends with {@code ?}" rule misses "how do I get VPN access" and "anyone know why CI is red", and takes
 * "who knew?", "PSA: wondering why builds are slow? It's the cache", a URL's {@code ?q=} or a quoted question for
 * questions. Stateless and thread-safe.
 *
 * <p>A message asks when, once code, quotes, links and mentions are set aside, a sentence asks (a {@code ?}, or a
 * question's opening such as "how do I", "is there", "can someone", "anyone know") and it is not rhetorical (a stock
 * phrase such as "what could go wrong", a social "who's up for lunch", or a question the same message answers:
 * "Ever wondered why …? Here's why").
 */
final class QuestionClassifier {

    /** Why a message was taken for a question, or why not: what {@code --explain} and the tests print. */
    record Verdict(boolean asking, String reason) {}

    private static final Pattern CODE_BLOCK = Pattern.compile("```.*?```", Pattern.DOTALL);
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern QUOTE_LINE = Pattern.compile("(?m)^\\s*(?:>|&gt;).*$");
    private static final Pattern LINK = Pattern.compile("<(?:https?|mailto):[^>]*>|\\bhttps?://\\S+");
    private static final Pattern MENTION = Pattern.compile("<[@#!][^>]*>");
    private static final Pattern EMOJI = Pattern.compile(":[a-z0-9_+'-]+:");
    private static final Pattern QUOTED = Pattern.compile("[\"“”][^\"“”\\n]{3,}[\"“”]");
    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]*|[.!?]+");
    /** Where a clause starts inside a sentence: "…, what am I missing", "… - anyone else". */
    private static final Pattern CLAUSE = Pattern.compile("\\s*(?:,|;|—|–| - |\\(|\\bbut\\b|\\bso\\b)\\s*");
    /** A short ask closing a problem statement: "…, anyone else", "… Tips?", "… ideas?". */
    private static final Pattern TAG_ASK = Pattern.compile(
            "\\b(?:anyone else|anybody else|anyone|anybody|tips|ideas|thoughts"
                    + "|suggestions|pointers|advice|help|any ideas|any tips|any thoughts|what gives|what now|now what)\\s*\\??$");
    /** A sentence after a question that shows it was not meant: "Just kidding", "Yes! Finally merged". */
    private static final Pattern NOT_MEANT =
            Pattern.compile("^(?:just kidding|jk|kidding|lol|haha|yes|yep|yup|yeah|no|nope|nah"
                    + "|of course|obviously|sure|spoiler)\\b");

    /** A sentence that opens as a question does: interrogative word or auxiliary, then a subject. */
    private static final Pattern OPENING =
            Pattern.compile("^(?:(?:so|ok|okay|hey|hi|hello|yo|btw|also|and|but|quick question|q"
                    + "|question|folks|team|all|everyone|y'all|yall|sorry|um|hmm|real quick)[,:!-]*\\s+)*"
                    + "(?:if (?:i|we|you) [^,]*?,? (?:will|would|does|do|is|can|should) [a-z]"
                    + "|any (?:way|chance) (?:to|that|we|i)"
                    + "|how (?:do|does|did|can|could|should|would|will|is|are|to|come|long|much|many|often)"
                    + "|what(?:'s| is| are| was| does| do| did| should| would| happened| causes| if| time| version|s)"
                    + "|where(?:'s| is| are| do| does| can| should| did)"
                    + "|when (?:is|are|will|does|do|did|should|can)"
                    + "|why (?:is|are|does|do|did|would|can't|won't|isn't|aren't|doesn't|don't|am|was|were)"
                    + "|who (?:is|owns|can|should|knows|do|does|maintains|has|is on)"
                    + "|which"
                    + "|(?:is|are|was|were) (?:there|it|this|that|the|a|an|my|our|anyone|anybody|somebody|someone|we|they|these|those|[a-z0-9_.-]+ (?:down|up|broken|working|flaky|deprecated|still))"
                    + "|(?:can|could|would|should|will|do|does|did|has|have|may|might) (?:i|we|you|someone|somebody|anyone|anybody|it|this|that|the|my|our|they)"
                    + ")\\b");

    /** A request for help anywhere in a sentence. */
    private static final Pattern ASKS = Pattern.compile("\\b(?:"
            + "(?:does|do|did|has|have|is|would) (?:anyone|anybody|someone|somebody|any of you|y'all|yall) (?:know|have|else|seen|run|hit|tried|got|had|remember|understand)"
            + "|(?:anyone|anybody|someone|somebody) (?:know|knows|have|has|seen|else seeing|around|able|familiar|remember|mind|hit|hitting|run into|ran into|encountered|tried|got)"
            + "|(?:can|could|would) (?:someone|somebody|anyone|anybody|you|u) (?:please |pls |kindly )?(?:help|look|take a look|explain|point|check|review|approve|tell|share|confirm|give|grant|add|unblock|bump|restart|rerun)"
            + "|(?:can|could|may) i (?:get|have|ask|borrow)"
            + "|(?:need|needs|needing|looking for|want) (?:some |a bit of |urgent |quick )?(?:help|advice|pointers|guidance|a hand|eyes|a review|an approval|access)"
            + "|help (?:needed|wanted|please|pls)|please (?:help|advise)|pls help|plz help|halp"
            + "|any (?:idea|ideas|clue|clues|pointers|tips|advice|suggestions|thoughts|insight|update) (?:on|why|how|what|about|for|if|where)"
            + "|(?:not sure|unsure|no idea|confused about|can't figure out|cannot figure out|can't work out|struggling to|trying to figure out) (?:how|what|why|where|which|whether|if|who|when)"
            + "|(?:i'm|im|i am|we're|we are|i've been|been) (?:stuck|blocked|lost|confused)"
            + "|(?:wondering|curious) (?:if|whether|how|why|what|where|who|when)"
            + "|is there (?:a|an|any) (?:way|doc|docs|runbook|guide|page|wiki|process|dashboard|reason|owner|tool|script|command|setting|flag|option)"
            + "|what(?:'s| is) the (?:best|right|correct|recommended|proper|usual|standard) (?:way|approach|place|channel|process|command)"
            + "|how (?:do|can|should|would) (?:i|we|you|one)"
            + "|where (?:do|can|should) (?:i|we) (?:find|get|look|ask|request|file|see|put)"
            + "|who (?:do|should|can) i (?:ask|talk to|ping|contact)"
            + ")\\b");

    /** Stock rhetorical and exclamatory questions. */
    private static final Pattern RHETORICAL = Pattern.compile("\\b(?:"
            + "who knew|guess what|guess who|what could (?:possibly )?go wrong|why not|how hard can it be|what else is new"
            + "|who cares|who doesn't love|who does not love|how (?:cool|awesome|great|nice|fun|crazy|weird|sweet|neat) is that"
            + "|am i the only one who (?:loves?|likes?|enjoys?|misses)|isn't (?:it|that) (?:great|nice|fun|awesome|amazing|cool|lovely)|can you believe|am i right|amirite"
            + "|you know what|what's not to (?:like|love)|what a (?:day|week|mess|time|ride|year)|did you know"
            + "|why (?:does this|is it) always|how is it (?:already )?(?:friday|monday|december)|where did the (?:time|week|year) go"
            + "|what's the worst that could happen|are you kidding|you kidding me|seriously\\?|really\\?|right\\?!"
            + ")");

    /** Social chatter phrased as a question: not a request for help. */
    private static final Pattern SOCIAL = Pattern.compile("^(?:"
            + "who(?:'s| is) (?:ready|excited|in|up|coming|joining|around for)|who wants (?:coffee|lunch|pizza|to grab|donuts|cake)"
            + "|anyone (?:up for|want|wanna|fancy) (?:lunch|coffee|pizza|a walk|drinks|beers|ping ?pong)"
            + "|how was (?:your|everyone's|the) (?:weekend|holiday|break|vacation|trip)|how(?:'s| is) everyone(?: doing)?"
            + "|happy (?:friday|monday|birthday|holidays)|what(?:'s| is) everyone (?:doing|having|up to) for (?:lunch|the weekend)"
            + ")\\b");

    /** A message that announces or teaches rather than asks, when its question is answered in the same message. */
    private static final Pattern ANNOUNCES = Pattern.compile(
            "^(?:psa|fyi|reminder|heads[- ]up|announcement|til|tip|pro tip|protip|update|release|new|note)\\b[:!,-]?");

    /** A title followed by what it titles: "How to debug DNS — notes from today's session". */
    private static final Pattern TITLE =
            Pattern.compile("(?:—|–| - |:)\\s*(?:my |our |the |some )?(?:notes|guide|doc|docs|"
                    + "slides|recording|write-?up|summary|tutorial|walkthrough|video|demo|post|blog|thread)\\b");

    /** A sentence, after a question, that answers it: "Ever wondered why? Here's why." */
    private static final Pattern SELF_ANSWER = Pattern.compile("^(?:here's|here is|here are|it's|its|it is|that's|"
            + "turns out|the answer|answer|spoiler|because|we've|we have|we now|now you can|you can now|just|simply|"
            + "read|check out|see|details|more)\\b");

    /** Replies that add nothing: a "+1", a "same here", a bump. */
    private static final Pattern NOT_AN_ANSWER =
            Pattern.compile("^(?:\\+1|\\+\\d+|same(?: here| issue| problem| for me| thing)?"
                    + "|me too|also seeing (?:this|it)|seeing (?:this|the same) too|following|bump|bumping|up|\\^+|this|any update|any news"
                    + "|any updates|following along|cc|:eyes:|👀|subscribing|watching|\\?+)[\\s.!?]*$");

    /** The asker's own reply that closes the question: "nvm, figured it out". */
    private static final Pattern SELF_RESOLVED = Pattern.compile("\\b(?:nvm|never ?mind|figured it out|figured out|"
            + "solved it|fixed it|got it working|sorted it|sorted now|works now|working now|found it|resolved it|ignore me|"
            + "my bad)\\b");

    /** The verdict on a person's message; bots never ask (their "?" is a template's). */
    Verdict classify(String text, boolean fromBot) {
        if (fromBot) {
            return new Verdict(false, "posted by a bot");
        }
        String clean = clean(text);
        if (clean.isBlank()) {
            return new Verdict(false, "nothing but code, quotes, links or mentions");
        }
        String lower = clean.toLowerCase(Locale.ROOT).replace('’', '\'');
        List<String> sentences = sentences(lower);
        boolean announces = ANNOUNCES.matcher(lower).find();
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i);
            String bare = s.replaceAll("[.!?]+$", "").strip();
            boolean mark = s.endsWith("?");
            boolean opening = false;
            for (String clause : CLAUSE.split(bare)) {
                opening |= clause.split("\\s+").length >= 3
                        && OPENING.matcher(clause.strip()).find();
            }
            boolean asks = ASKS.matcher(bare).find()
                    || (i > 0 || bare.contains(",")) && TAG_ASK.matcher(bare).find();
            if (!(mark || opening || asks)) {
                continue;
            }
            if (bare.split("\\s+").length < 2 && !asks) {
                continue; // "?", "why?", "huh?": a reaction, not a request for help
            }
            if (RHETORICAL.matcher(s).find() || s.endsWith("?!") || s.contains("?!?")) {
                continue;
            }
            if (SOCIAL.matcher(bare).find()) {
                continue;
            }
            String next = i + 1 < sentences.size() ? sentences.get(i + 1) : "";
            if (NOT_MEANT.matcher(next).find() && !asks) {
                continue; // "Does it work? Yes! Finally merged", "Who broke prod? Just kidding"
            }
            boolean teaser =
                    announces || bare.matches("^(?:ever )?(?:wonder|wondered|wondering|want to know|curious)\\b.*");
            if (teaser && SELF_ANSWER.matcher(next).find()) {
                continue; // "Ever wondered why the build is slow? It's the cache."
            }
            if (!mark && TITLE.matcher(s).find()) {
                continue;
            }
            if (announces && !asks && !opening) {
                continue;
            }
            if (!mark && !asks && !opening) {
                continue;
            }
            String why = asks ? "asks for help" : opening ? "opens as a question" : "a question mark";
            return new Verdict(true, why + ": \"" + excerpt(bare) + "\"");
        }
        return new Verdict(false, "no sentence asks for help");
    }

    /**
     * Whether a reply answers the question: another person's reply that is not a "+1", "same here" or bump, or the
     * asker's own "nvm, figured it out".
     */
    boolean answers(String replyText, boolean fromBot, boolean byAsker) {
        if (fromBot) {
            return false;
        }
        String lower = clean(replyText).toLowerCase(Locale.ROOT).strip();
        if (byAsker) {
            return SELF_RESOLVED.matcher(lower).find();
        }
        if (lower.isEmpty()) {
            // only a link, a snippet or a mention: someone pointing at the answer
            return !replyText.isBlank() && !MENTION.matcher(replyText.strip()).matches();
        }
        return !NOT_AN_ANSWER.matcher(lower).matches();
    }

    /** The text a person wrote themselves: code, quoted lines and quoted phrases, links, mentions and emoji set aside. */
    static String clean(String text) {
        String t = text == null ? "" : text;
        t = CODE_BLOCK.matcher(t).replaceAll(" ");
        t = INLINE_CODE.matcher(t).replaceAll(" x ");
        t = QUOTE_LINE.matcher(t).replaceAll(" ");
        t = LINK.matcher(t).replaceAll(" ");
        t = MENTION.matcher(t).replaceAll(" ");
        t = EMOJI.matcher(t).replaceAll(" ");
        t = QUOTED.matcher(t).replaceAll(" x ");
        return t.replaceAll("[ \\t]+", " ").strip();
    }

    private static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            String s = m.group().strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String excerpt(String s) {
        return s.length() <= 80 ? s : s.substring(0, 79) + "…";
    }

    /** The first answering reply, for tests and {@code --explain}. */
    Optional<Integer> firstAnswer(List<String> replies, List<Boolean> fromBot, List<Boolean> byAsker) {
        for (int i = 0; i < replies.size(); i++) {
            if (answers(replies.get(i), fromBot.get(i), byAsker.get(i))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
