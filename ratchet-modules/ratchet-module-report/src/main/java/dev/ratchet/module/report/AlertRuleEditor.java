package dev.ratchet.module.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds an alerting rule by name in Prometheus rule files ({@code groups[].rules[]} with {@code alert}, {@code expr},
 * {@code for}, {@code keep_firing_for}, {@code labels}) and edits it in place. The YAML is only <em>read</em> (SnakeYAML's
 * node tree, whose marks give each key's and value's line and column); the edit replaces or inserts text lines itself,
 * so every other line, comment, blank line and indentation stays exactly as it was and the diff touches only the
 * changed lines. Files with several documents ({@code ---}) are read whole. Rules written in flow style
 * ({@code - {alert: X, ...}}) are found but not edited.
 */
final class AlertRuleEditor {

    /** A trailing comparison with a number: {@code > 0.05}, {@code >= 90}, {@code < 10}. */
    private static final Pattern TRAILING_COMPARISON = Pattern.compile("(>=|<=|>|<)(\\s*)(-?\\d+(?:\\.\\d+)?)(\\s*)$");

    private AlertRuleEditor() {}

    /** A rule found in a file: its mapping node and the file's text it was read from. */
    record Found(String path, String text, MappingNode rule) {}

    /** The outcome of an edit: the new text, or why there is none. */
    record Edit(String text, String note) {
        static Edit refused(String note) {
            return new Edit(null, note);
        }

        boolean applied() {
            return text != null;
        }
    }

    /**
     * The alerting rules named {@code alert} in {@code text}, in file order.
     *
     * @throws IllegalArgumentException when the text is not YAML
     */
    static List<MappingNode> find(String text, String alert) {
        List<MappingNode> found = new ArrayList<>();
        for (Node doc : yaml().composeAll(new StringReader(text))) {
            SequenceNode groups = value(doc, "groups") instanceof SequenceNode s ? s : null;
            if (groups == null) {
                continue;
            }
            for (Node group : groups.getValue()) {
                if (!(value(group, "rules") instanceof SequenceNode rules)) {
                    continue;
                }
                for (Node rule : rules.getValue()) {
                    if (rule instanceof MappingNode m
                            && value(m, "alert") instanceof ScalarNode name
                            && name.getValue().equals(alert)) {
                        found.add(m);
                    }
                }
            }
        }
        return found;
    }

    /** The value of {@code key} in a mapping, or null. */
    static Node value(Node node, String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    /**
     * Sets {@code key} ({@code for} or {@code keep_firing_for}) of the first rule named {@code alert} to {@code value}:
     * the value replaced where the key is present, else a line inserted after {@code after} (the first of them the
     * rule has), at the rule's indentation.
     */
    static Edit setField(String text, String alert, String service, String key, String value, List<String> after) {
        MappingNode rule = rule(text, alert, service).orElse(null);
        if (rule == null) {
            return Edit.refused("no rule named " + alert);
        }
        if (rule.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            return Edit.refused("rule " + alert + " is written in flow style ({...}); edit it by hand");
        }
        List<String> lines = lines(text);
        Node present = value(rule, key);
        if (present != null) {
            if (!(present instanceof ScalarNode s) || !singleLine(s)) {
                return Edit.refused("rule " + alert + " has a " + key + " that is not a one-line value");
            }
            if (s.getValue().equals(value)) {
                return Edit.refused("rule " + alert + " already has " + key + ": " + value);
            }
            replace(lines, s, value);
            return new Edit(String.join("\n", lines), null);
        }
        int at = insertionLine(rule, after);
        lines.add(at, indent(rule) + key + ": " + value);
        return new Edit(String.join("\n", lines), null);
    }

    /** Sets the {@code severity} label of the first rule named {@code alert}, adding the label (or labels) when absent. */
    static Edit setSeverity(String text, String alert, String service, String severity) {
        MappingNode rule = rule(text, alert, service).orElse(null);
        if (rule == null) {
            return Edit.refused("no rule named " + alert);
        }
        if (rule.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            return Edit.refused("rule " + alert + " is written in flow style ({...}); edit it by hand");
        }
        List<String> lines = lines(text);
        Node labels = value(rule, "labels");
        if (labels == null) {
            int at = insertionLine(rule, List.of("keep_firing_for", "for", "expr"));
            lines.add(at, indent(rule) + "labels:");
            lines.add(at + 1, indent(rule) + "  severity: " + severity);
            return new Edit(String.join("\n", lines), null);
        }
        if (!(labels instanceof MappingNode l) || l.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            return Edit.refused("rule " + alert + " has labels in flow style ({...}); edit its severity by hand");
        }
        Node present = value(l, "severity");
        if (present == null) {
            int at = l.getValue().isEmpty()
                    ? rule.getEndMark().getLine()
                    : l.getValue().get(0).getKeyNode().getStartMark().getLine();
            lines.add(at, indent(l) + "severity: " + severity);
            return new Edit(String.join("\n", lines), null);
        }
        if (!(present instanceof ScalarNode s) || !singleLine(s)) {
            return Edit.refused("rule " + alert + " has a severity label that is not a one-line value");
        }
        if (s.getValue().equals(severity)) {
            return Edit.refused("rule " + alert + " already has severity " + severity);
        }
        replace(lines, s, severity);
        return new Edit(String.join("\n", lines), null);
    }

    /**
     * Moves the threshold of the first rule named {@code alert}'s {@code expr} by a quarter in the direction that fires
     * less: a trailing {@code > N} or {@code >= N} becomes N × 1.25, a trailing {@code < N} or {@code <= N} N × 0.8. Only
     * a comparison with a number at the very end of the expression is touched (a starting point for review).
     */
    static Edit raiseThreshold(String text, String alert, String service) {
        MappingNode rule = rule(text, alert, service).orElse(null);
        if (rule == null) {
            return Edit.refused("no rule named " + alert);
        }
        if (!(value(rule, "expr") instanceof ScalarNode expr)) {
            return Edit.refused("rule " + alert + " has no expr");
        }
        List<String> lines = lines(text);
        // the last line of the value that has content, and where on it the value ends
        int line;
        int end;
        if (expr.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                || expr.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED) {
            line = expr.getEndMark().getLine() - (expr.getEndMark().getColumn() == 0 ? 1 : 0);
            while (line > expr.getStartMark().getLine() && lines.get(line).isBlank()) {
                line--;
            }
            end = stripEnd(lines.get(line)).length();
        } else {
            line = expr.getEndMark().getLine();
            end = offset(lines.get(line), expr.getEndMark().getColumn());
            boolean quoted = expr.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED
                    || expr.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED;
            end -= quoted ? 1 : 0;
        }
        String content = lines.get(line).substring(0, end);
        Matcher m = TRAILING_COMPARISON.matcher(content);
        if (!m.find()
                || m.start()
                        < (line == expr.getStartMark().getLine()
                                ? offset(lines.get(line), expr.getStartMark().getColumn())
                                : 0)) {
            return Edit.refused(
                    "the expr of " + alert + " does not end in a comparison with a number (> N, >= N, < N, <= N);"
                            + " raise its threshold by hand");
        }
        BigDecimal n = new BigDecimal(m.group(3));
        boolean above = m.group(1).startsWith(">");
        BigDecimal moved = n.multiply(new BigDecimal(above ? "1.25" : "0.8"));
        moved = moved.setScale(Math.max(0, n.scale()) + 2, RoundingMode.HALF_UP).stripTrailingZeros();
        if (moved.compareTo(n) == 0) {
            return Edit.refused("the threshold of " + alert + " is " + n + ", which a quarter more does not move;"
                    + " change it by hand");
        }
        String replaced = content.substring(0, m.start(3)) + moved.toPlainString() + content.substring(m.end(3));
        lines.set(line, replaced + lines.get(line).substring(end));
        return new Edit(String.join("\n", lines), null);
    }

    /** A unified diff of two versions of {@code path}, three lines of context, no trailing newline. */
    static String diff(String path, String before, String after) {
        List<String> a = Arrays.asList(before.split("\n", -1));
        List<String> b = Arrays.asList(after.split("\n", -1));
        Patch<String> patch = DiffUtils.diff(a, b);
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, patch, 3));
    }

    /**
     * The rule named {@code alert} to edit: of several with that name, the first that is about {@code service} (see
     * {@link #about}), else the first.
     */
    static Optional<MappingNode> rule(String text, String alert, String service) {
        List<MappingNode> found = find(text, alert);
        return found.stream()
                .filter(r -> about(r, service))
                .findFirst()
                .or(() -> found.stream().findFirst());
    }

    /**
     * Whether a rule is about {@code service}: one of its labels has it as its value, or its {@code expr} matches it
     * as a quoted label value ({@code namespace="search"}).
     */
    static boolean about(MappingNode rule, String service) {
        if (service == null || service.isBlank()) {
            return false;
        }
        if (value(rule, "labels") instanceof MappingNode labels
                && labels.getValue().stream()
                        .anyMatch(t -> t.getValueNode() instanceof ScalarNode v
                                && v.getValue().equals(service))) {
            return true;
        }
        return value(rule, "expr") instanceof ScalarNode expr
                && (expr.getValue().contains("\"" + service + "\"")
                        || expr.getValue().contains("'" + service + "'"));
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // found, not judged: Prometheus itself reports duplicates
        return new Yaml(new SafeConstructor(options));
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    }

    private static boolean singleLine(ScalarNode s) {
        return s.getStartMark().getLine() == s.getEndMark().getLine()
                && s.getScalarStyle() != DumperOptions.ScalarStyle.LITERAL
                && s.getScalarStyle() != DumperOptions.ScalarStyle.FOLDED;
    }

    /** Replaces a one-line scalar's text (quotes included), keeping what surrounds it (a trailing comment). */
    private static void replace(List<String> lines, ScalarNode s, String value) {
        int line = s.getStartMark().getLine();
        String text = lines.get(line);
        int from = offset(text, s.getStartMark().getColumn());
        int to = offset(text, s.getEndMark().getColumn());
        lines.set(line, text.substring(0, from) + value + text.substring(to));
    }

    /** The line at which a new key goes: after the first of {@code after} the rule has, else after the rule. */
    private static int insertionLine(MappingNode rule, List<String> after) {
        for (String key : after) {
            Node v = value(rule, key);
            if (v != null) {
                return lineAfter(v.getEndMark());
            }
        }
        return lineAfter(
                rule.getValue().get(rule.getValue().size() - 1).getValueNode().getEndMark());
    }

    /** The line after a value ending at {@code end}: a block scalar ends at column 0 of the next line already. */
    private static int lineAfter(Mark end) {
        return end.getColumn() == 0 ? end.getLine() : end.getLine() + 1;
    }

    /** The indentation of a block mapping's keys, as spaces. */
    private static String indent(MappingNode m) {
        return " ".repeat(m.getValue().get(0).getKeyNode().getStartMark().getColumn());
    }

    /** The char offset of a code-point column on a line. */
    private static int offset(String line, int column) {
        return line.offsetByCodePoints(0, Math.min(column, line.codePointCount(0, line.length())));
    }

    private static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
