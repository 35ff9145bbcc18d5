package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.kit.JsonText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores the built-in recognisers on labelled messages: precision, recall and F1 of alert detection (an open or a close
 * counts as found when the action is right), per tool, overall and leave-one-tool-out (each tool with its own recogniser
 * switched off, so that only the generic one can find it).
 *
 * <p>A labels file is JSON lines, one message a line: {@code tool}, {@code action} ({@code open}, {@code close} or
 * {@code none}), the message as {@code text} (with {@code username} and {@code bot}) or as {@code message} (a Slack
 * message JSON with attachments and blocks), and optionally the expected {@code service} and {@code alert} (scored as
 * "fields right", both, and "names right", the alert name alone), {@code source} (where the format comes from) and
 * {@code note}.
 */
public final class ClassifierEval {

    /** One labelled message. */
    public record Labelled(
            String tool,
            MessageView message,
            Action action,
            String service,
            String alert,
            String source,
            int line,
            double ts) {}

    /** Counts for one group of messages. */
    public static final class Tally {
        int tp, fp, fn, tn, fieldsRight, namesRight, messages;

        public double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double fieldAccuracy() {
            return tp == 0 ? 1.0 : (double) fieldsRight / tp;
        }

        /** Of the alerts found, the share whose alert name is the labelled one (the service aside). */
        public double nameAccuracy() {
            return tp == 0 ? 1.0 : (double) namesRight / tp;
        }

        /** How many of the alerts found carry the labelled alert name. */
        public int namesRight() {
            return namesRight;
        }

        public int total() {
            return messages;
        }

        public int alerts() {
            return tp + fn;
        }
    }

    /** The scores of one run: per tool, overall, and the messages it got wrong. */
    public record Report(Map<String, Tally> byTool, Tally overall, List<String> mistakes) {}

    /** Tools that are look-alikes: no alert among them, scored for false positives only. */
    static final Set<String> LOOK_ALIKE_TOOLS = Set.of("lookalike", "other");

    private ClassifierEval() {}

    /**
     * Reads a labels file.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static List<Labelled> read(Reader in) throws IOException {
        List<Labelled> list = new ArrayList<>();
        BufferedReader r = new BufferedReader(in);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> o;
            try {
                o = JsonText.parseObject(line);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + n + ": not a JSON object");
            }
            list.add(labelled(o, n));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no labelled messages (one JSON object a line expected)");
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Labelled labelled(Map<String, Object> o, int n) {
        Optional<Action> action = Action.of(o.get("action") instanceof String s ? s : null);
        if (action.isEmpty()) {
            throw new IllegalArgumentException("line " + n + ": \"action\" must be open, close or none");
        }
        MessageView view;
        if (o.get("message") instanceof Map<?, ?> m) {
            view = MessageView.ofSlack((Map<String, Object>) m);
            if (o.get("username") instanceof String u) {
                view = new MessageView(
                        u, view.bot(), view.text(), view.fields(), view.titles(), view.colours(), view.buttons());
            }
            if (o.get("bot") instanceof Boolean b) {
                // a person's account posting an integration's attachments or blocks counts as one, as in the module
                view = new MessageView(
                        view.username(),
                        b || MessageView.integrationShaped((Map<String, Object>) m),
                        view.text(),
                        view.fields(),
                        view.titles(),
                        view.colours(),
                        view.buttons());
            }
        } else if (o.get("text") instanceof String t) {
            view = MessageView.ofText(
                    o.get("username") instanceof String u ? u : null, !Boolean.FALSE.equals(o.get("bot")), t);
        } else {
            throw new IllegalArgumentException("line " + n + ": needs \"text\" or \"message\" (a Slack message JSON)");
        }
        String tool = o.get("tool") instanceof String t && !t.isBlank() ? t : "unlabelled";
        return new Labelled(
                tool,
                view,
                action.get(),
                o.get("service") instanceof String s ? s : "",
                o.get("alert") instanceof String a ? a : "",
                o.get("source") instanceof String s ? s : "",
                n,
                ts(o));
    }

    /** The message's Slack ts in seconds, or the line's own {@code ts}; 0 when there is none. */
    private static double ts(Map<String, Object> o) {
        Object ts = o.get("message") instanceof Map<?, ?> m ? m.get("ts") : o.get("ts");
        try {
            return ts == null ? 0 : Double.parseDouble(String.valueOf(ts));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The classifier's {@code repeat-window} setting read as the module reads it ("12h", "off"). */
    public static java.time.Duration repeatWindow(String raw) {
        return ClassifierModule.REPEAT_WINDOW.parse(raw);
    }

    /**
     * Scores {@code classifier} on {@code labelled} read in order as one channel, as the module stores its decisions: an
     * open that repeats one still open within {@code repeatWindow} (same poster, the same words) is no new alert
     * ({@link Repeats}); a zero window scores each message alone.
     */
    public static Report score(
            List<Labelled> labelled,
            Function<MessageView, Optional<Classification>> classifier,
            java.time.Duration repeatWindow) {
        Repeats.Tracker tracker = new Repeats.Tracker(repeatWindow);
        return scoreEach(labelled, l -> {
            MessageView view = l.message();
            Optional<Classification> found = classifier.apply(view);
            return tracker.apply(
                    new Repeats.Seen(
                            l.ts(),
                            view.username() == null ? "" : view.username(),
                            Repeats.words(view.text()),
                            found.map(Classification::service).orElse(""),
                            found.map(Classification::alert).orElse(""),
                            Pairing.seconds(view.fields().get(MessageView.REPLY_TO))),
                    found);
        });
    }

    /**
     * As {@link #score(List, Function, java.time.Duration)}, with the poster's history ({@link PosterHistory}) asked
     * about each bot message the classifier does not recognise ({@code recognisers}: those {@code classifier} runs, whose
     * learned stage the history reads more leniently for an alerting poster): the file read in order as one channel, the history
     * learning only what the classifier (and itself) decided before, never a label.
     */
    public static Report scoreWithHistory(
            List<Labelled> labelled,
            Function<MessageView, Optional<Classification>> classifier,
            BuiltinClassifier recognisers,
            java.time.Duration repeatWindow) {
        return scoreWithHistory(labelled, classifier, repeatWindow, new PosterHistory(recognisers));
    }

    /**
     * With the history warmed first: {@code labelled} read once (not scored) and then scored, a month later, as the
     * channel's next stretch of the same posters' messages. What the history gives once each template of a poster has
     * been seen, the steady state of a channel where bots post for months; an upper figure, the first pass's one is
     * the first weeks'.
     */
    public static Report scoreWithWarmHistory(
            List<Labelled> labelled,
            Function<MessageView, Optional<Classification>> classifier,
            BuiltinClassifier recognisers,
            java.time.Duration repeatWindow) {
        PosterHistory history = new PosterHistory(recognisers);
        scoreWithHistory(labelled, classifier, repeatWindow, history);
        double later = labelled.stream().mapToDouble(Labelled::ts).max().orElse(0) + 30 * 86_400;
        List<Labelled> again = new ArrayList<>();
        for (Labelled l : labelled) {
            again.add(new Labelled(
                    l.tool(), l.message(), l.action(), l.service(), l.alert(), l.source(), l.line(), l.ts() + later));
        }
        return scoreWithHistory(again, classifier, repeatWindow, history);
    }

    private static Report scoreWithHistory(
            List<Labelled> labelled,
            Function<MessageView, Optional<Classification>> classifier,
            java.time.Duration repeatWindow,
            PosterHistory history) {
        Repeats.Tracker tracker = new Repeats.Tracker(repeatWindow);
        return scoreEach(labelled, l -> {
            MessageView view = l.message();
            String poster = view.username() == null ? "" : view.username();
            Optional<Classification> found = classifier.apply(view);
            Optional<Classification> decided = found.isPresent() ? found : history.recall(poster, view);
            history.learn(poster, view, decided);
            return tracker.apply(
                    new Repeats.Seen(
                            l.ts(),
                            poster,
                            Repeats.words(view.text()),
                            decided.map(Classification::service).orElse(""),
                            decided.map(Classification::alert).orElse(""),
                            Pairing.seconds(view.fields().get(MessageView.REPLY_TO))),
                    decided);
        });
    }

    /** Scores {@code classifier} (people are never classified, as in the module) on {@code labelled}. */
    public static Report score(List<Labelled> labelled, Function<MessageView, Optional<Classification>> classifier) {
        return scoreEach(labelled, l -> classifier.apply(l.message()));
    }

    /** Scores the classification of each labelled bot message, in order (people are never classified). */
    private static Report scoreEach(List<Labelled> labelled, Function<Labelled, Optional<Classification>> classifier) {
        Map<String, Tally> byTool = new TreeMap<>();
        Tally overall = new Tally();
        List<String> mistakes = new ArrayList<>();
        for (Labelled f : labelled) {
            Optional<Classification> c = f.message().bot() ? classifier.apply(f) : Optional.empty();
            Action got = c.map(Classification::action).orElse(Action.NONE);
            Tally t = byTool.computeIfAbsent(f.tool(), k -> new Tally());
            boolean nameRight = c.isPresent() && same(c.get().alert(), f.alert());
            boolean fieldsRight = nameRight && same(c.get().service(), f.service());
            for (Tally x : List.of(t, overall)) {
                x.messages++;
                if (f.action() != Action.NONE && got == f.action()) {
                    x.tp++;
                    if (fieldsRight) {
                        x.fieldsRight++;
                    }
                    if (nameRight) {
                        x.namesRight++;
                    }
                } else if (got != Action.NONE) {
                    x.fp++;
                    if (f.action() != Action.NONE) {
                        x.fn++;
                    }
                } else if (f.action() != Action.NONE) {
                    x.fn++;
                } else {
                    x.tn++;
                }
            }
            if (got != f.action()) {
                mistakes.add(f.tool() + " line " + f.line() + ": expected "
                        + f.action().word() + ", got "
                        + got.word() + c.map(k -> " (" + k.source() + ")").orElse("") + " for "
                        + firstLine(f.message().text()));
            } else if (got != Action.NONE && !fieldsRight) {
                Classification k = c.orElseThrow();
                mistakes.add(f.tool() + " line " + f.line() + ": fields " + k.service() + " / " + k.alert()
                        + ", expected " + f.service() + " / " + f.alert());
            }
        }
        return new Report(byTool, overall, mistakes);
    }

    /**
     * Leave-one-tool-out: each tool that has its own recogniser is scored on its own messages with that recogniser
     * switched off; tools without one are scored as they are (the generic recogniser is all they ever had).
     */
    public static Map<String, Tally> leaveOneToolOut(List<Labelled> labelled) {
        Map<String, List<Labelled>> byTool = new TreeMap<>();
        for (Labelled f : labelled) {
            if (!LOOK_ALIKE_TOOLS.contains(f.tool())) {
                byTool.computeIfAbsent(f.tool(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, Tally> out = new LinkedHashMap<>();
        byTool.forEach((tool, list) -> {
            BuiltinClassifier without = new BuiltinClassifier(Set.of(tool.toLowerCase(Locale.ROOT)));
            out.put(tool, score(list, without::classify).overall());
        });
        return out;
    }

    /** How many labelled open/close pairs there are and in how many both were found with the same names. */
    public record PairScore(int pairs, int found, int paired, int alike) {}

    /**
     * Pairing as the module pairs: a close resolves the open of the same service and alert. For every labelled close
     * that has a labelled open of the same tool, service and alert before it, whether the classifier found both and
     * named them alike (service and alert, case and spacing aside), which is what a resolve needs to find its alert.
     */
    public static PairScore pairs(List<Labelled> labelled, Function<MessageView, Optional<Classification>> classifier) {
        int pairs = 0, found = 0, paired = 0, alike = 0;
        for (int i = 0; i < labelled.size(); i++) {
            Labelled close = labelled.get(i);
            if (close.action() != Action.CLOSE || !close.message().bot()) {
                continue;
            }
            Labelled open = null;
            for (int j = i - 1; j >= 0 && open == null; j--) {
                Labelled o = labelled.get(j);
                if (o.action() == Action.OPEN
                        && o.tool().equals(close.tool())
                        && same(o.service(), close.service())
                        && same(o.alert(), close.alert())) {
                    open = o;
                }
            }
            if (open == null || !open.message().bot()) {
                continue;
            }
            pairs++;
            Optional<Classification> co = classifier.apply(open.message());
            Optional<Classification> cc = classifier.apply(close.message());
            if (co.filter(c -> c.action() == Action.OPEN).isPresent()
                    && cc.filter(c -> c.action() == Action.CLOSE).isPresent()) {
                found++;
                if (same(co.get().service(), cc.get().service())
                        && same(co.get().alert(), cc.get().alert())) {
                    paired++;
                    alike++;
                } else if (Pairing.similar(
                        Pairing.nameWords(co.get().service(), co.get().alert()),
                        Pairing.nameWords(cc.get().service(), cc.get().alert()))) {
                    alike++;
                }
            }
        }
        return new PairScore(pairs, found, paired, alike);
    }

    /**
     * The closes the classifier found (labelled closes of a bot), each paired as the module pairs it ({@link
     * Pairing#closeResolves}): {@code right} to the open labelled with its tool, service and alert, {@code wrong} to
     * another open, {@code unpaired} to none though that open was found before it, {@code orphan} to none with that
     * open not found (a close nothing could pair right).
     */
    public record PairingScore(int closes, int right, int wrong, int unpaired, int orphan) {
        /** The sum of both. */
        public PairingScore plus(PairingScore o) {
            return new PairingScore(
                    closes + o.closes, right + o.right, wrong + o.wrong, unpaired + o.unpaired, orphan + o.orphan);
        }
    }

    /**
     * Every message of {@code labelled} classified in posting order, the opens found kept as the module stores them
     * and each close found paired by {@link Pairing#closeResolves} with the poster (the name a bot posts under) as
     * its integration: what "alerts open too long" and an alert's duration rest on.
     */
    public static PairingScore pairedAsTheModule(
            List<Labelled> labelled, Function<MessageView, Optional<Classification>> classifier) {
        List<Labelled> inOrder = new ArrayList<>(labelled);
        inOrder.sort(java.util.Comparator.comparingDouble(Labelled::ts));
        Map<String, Labelled> labelOf = new java.util.HashMap<>();
        Map<String, String> posterOf = new java.util.HashMap<>();
        Map<Double, String> eventOfMessage = new java.util.HashMap<>();
        List<AlertEvent> opens = new ArrayList<>();
        PairingScore score = new PairingScore(0, 0, 0, 0, 0);
        int n = 0;
        for (Labelled l : inOrder) {
            if (!l.message().bot()) {
                continue;
            }
            Optional<Classification> c = classifier.apply(l.message()).filter(Classification::isAlert);
            if (c.isEmpty()) {
                continue;
            }
            String ts = String.format(Locale.ROOT, "%d.%06d", 1_000_000_000L + n, n);
            n++;
            labelOf.put(ts, l);
            posterOf.put(ts, l.message().username());
            eventOfMessage.put(l.ts(), ts);
            AlertEvent event = new AlertEvent(
                    new MessageRef("C-EVAL", ts),
                    java.time.Instant.ofEpochSecond(1_000_000_000L + n),
                    c.get().action() == Action.OPEN ? AlertEvent.Action.OPEN : AlertEvent.Action.CLOSE,
                    c.get().service(),
                    c.get().alert(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    "",
                    "builtin");
            if (event.action() == AlertEvent.Action.OPEN) {
                opens.add(event);
                continue;
            }
            if (l.action() != Action.CLOSE) {
                continue;
            }
            // first, as the module does: the open whose thread the close was posted in
            String parent =
                    eventOfMessage.get(Pairing.seconds(l.message().fields().get(MessageView.REPLY_TO)));
            Optional<AlertEvent> inThread = opens.stream()
                    .filter(o -> o.stillOpen() && o.message().ts().equals(parent))
                    .findFirst();
            Optional<AlertEvent> open = inThread.isPresent()
                    ? inThread
                    : Pairing.closeResolves(
                            event,
                            opens.stream()
                                    .filter(o -> o.service().equals(event.service())
                                            && o.alert().equals(event.alert()))
                                    .toList(),
                            () -> opens.stream().filter(AlertEvent::stillOpen).toList(),
                            o -> posterOf.get(o.message().ts())
                                    .equals(l.message().username()));
            boolean openFound = opens.stream()
                    .anyMatch(o -> sameAlert(labelOf.get(o.message().ts()), l));
            PairingScore one;
            if (open.isEmpty()) {
                one = openFound ? new PairingScore(1, 0, 0, 1, 0) : new PairingScore(1, 0, 0, 0, 1);
            } else {
                boolean right = sameAlert(labelOf.get(open.get().message().ts()), l);
                one = right ? new PairingScore(1, 1, 0, 0, 0) : new PairingScore(1, 0, 1, 0, 0);
                AlertEvent o = open.get();
                opens.set(
                        opens.indexOf(o),
                        new AlertEvent(
                                o.message(),
                                o.at(),
                                o.action(),
                                o.service(),
                                o.alert(),
                                o.priority(),
                                o.duration(),
                                Optional.of(ts),
                                o.source(),
                                o.method()));
            }
            score = score.plus(one);
        }
        return score;
    }

    /**
     * Whether an open found, labelled {@code open}, is the alert a close labelled {@code close} resolves: its first
     * firing or a renotification of it (labelled none, as an update, and the close's partner all the same).
     */
    private static boolean sameAlert(Labelled open, Labelled close) {
        return open.action() != Action.CLOSE
                && open.tool().equals(close.tool())
                && same(open.service(), close.service())
                && same(open.alert(), close.alert());
    }

    /** A Markdown table of {@code byTool} and a last {@code total} row. */
    public static String table(Map<String, Tally> byTool, Tally total, String totalName) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| tool | messages | alerts | TP | FP | FN | TN | precision | recall | F1 | fields right | names right |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        byTool.forEach((tool, t) -> sb.append(row(tool, t)));
        if (total != null) {
            sb.append(row(totalName, total));
        }
        return sb.toString();
    }

    /** The sum of several tallies. */
    public static Tally sum(Iterable<Tally> tallies) {
        Tally s = new Tally();
        for (Tally t : tallies) {
            s.tp += t.tp;
            s.fp += t.fp;
            s.fn += t.fn;
            s.tn += t.tn;
            s.fieldsRight += t.fieldsRight;
            s.namesRight += t.namesRight;
            s.messages += t.messages;
        }
        return s;
    }

    private static String row(String tool, Tally t) {
        return String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d | %d | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                tool,
                t.total(),
                t.alerts(),
                t.tp,
                t.fp,
                t.fn,
                t.tn,
                t.precision(),
                t.recall(),
                t.f1(),
                t.fieldAccuracy(),
                t.nameAccuracy());
    }

    private static boolean same(String a, String b) {
        return norm(a).equals(norm(b));
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String text) {
        String t = text.strip().split("\n", 2)[0];
        return t.length() > 100 ? t.substring(0, 100) + "…" : t;
    }
}
