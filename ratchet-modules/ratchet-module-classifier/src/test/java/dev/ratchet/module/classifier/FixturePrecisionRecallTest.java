package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import dev.ratchet.spi.kit.JsonText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The built-in recognisers over the labelled fixture set {@code fixtures/alerts.jsonl}: renderings of each tool's
 * firing and resolved messages plus look-alikes (people quoting alerts, deploy and CI bots, jokes). Prints precision and
 * recall of action detection per tool and overall, and holds them above a floor.
 */
class FixturePrecisionRecallTest {

    /** The floors: overall, and for each tool. */
    static final double OVERALL_FLOOR = 0.9;

    static final double TOOL_FLOOR = 0.8;
    /** Of the correctly detected alerts, how many also get the expected alert name and service. */
    static final double FIELD_FLOOR = 0.9;

    record Fixture(
            String tool,
            String username,
            boolean bot,
            String text,
            Action action,
            String service,
            String alert,
            String priority,
            String note) {}

    static final class Tally {
        int tp, fp, fn, tn, fieldsRight;

        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        double fieldAccuracy() {
            return tp == 0 ? 1.0 : (double) fieldsRight / tp;
        }

        int total() {
            return tp + fp + fn + tn;
        }
    }

    static List<Fixture> fixtures() throws IOException {
        List<Fixture> list = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(FixturePrecisionRecallTest.class.getResourceAsStream("/fixtures/alerts.jsonl")),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> o = JsonText.parseObject(line);
                list.add(new Fixture(
                        (String) o.get("tool"),
                        (String) o.get("username"),
                        Boolean.TRUE.equals(o.get("bot")),
                        (String) o.get("text"),
                        Action.of((String) o.get("action")).orElseThrow(),
                        (String) o.get("service"),
                        (String) o.get("alert"),
                        (String) o.get("priority"),
                        (String) o.getOrDefault("note", "")));
            }
        }
        return list;
    }

    /** What the module would decide from the built-ins alone: people are never classified. */
    static Optional<Classification> classify(BuiltinClassifier builtin, Fixture f) {
        return f.bot() ? builtin.classify(f.username(), f.text()) : Optional.empty();
    }

    @Test
    void builtin_recognisers_reach_the_stated_precision_and_recall_on_the_fixture_set() throws IOException {
        BuiltinClassifier builtin = new BuiltinClassifier();
        Map<String, Tally> byTool = new TreeMap<>();
        Tally overall = new Tally();
        List<String> mistakes = new ArrayList<>();
        for (Fixture f : fixtures()) {
            Optional<Classification> c = classify(builtin, f);
            Action got = c.map(Classification::action).orElse(Action.NONE);
            Tally t = byTool.computeIfAbsent(f.tool(), k -> new Tally());
            for (Tally x : List.of(t, overall)) {
                if (f.action() != Action.NONE && got == f.action()) {
                    x.tp++;
                } else if (got != Action.NONE && got != f.action()) {
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
                mistakes.add(f.tool() + ": expected " + f.action().word() + ", got " + got.word() + " for "
                        + firstLine(f.text()));
            } else if (got != Action.NONE) {
                Classification k = c.orElseThrow();
                boolean right = k.alert().equals(f.alert())
                        && k.service().equals(f.service())
                        && Objects.equals(k.priority().orElse(null), f.priority());
                if (right) {
                    t.fieldsRight++;
                    overall.fieldsRight++;
                } else {
                    mistakes.add(f.tool() + ": fields " + k.service() + " / " + k.alert() + " / "
                            + k.priority().orElse("-") + ", expected " + f.service() + " / " + f.alert() + " / "
                            + (f.priority() == null ? "-" : f.priority()));
                }
            }
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT, "%n| tool | messages | TP | FP | FN | TN | precision | recall | fields right |%n"));
        table.append("|---|---|---|---|---|---|---|---|---|\n");
        byTool.forEach((tool, t) -> table.append(row(tool, t)));
        table.append(row("**overall**", overall));
        System.out.println(table);
        mistakes.forEach(m -> System.out.println("  miss: " + m));

        assertThat(overall.precision()).as("overall precision").isGreaterThanOrEqualTo(OVERALL_FLOOR);
        assertThat(overall.recall()).as("overall recall").isGreaterThanOrEqualTo(OVERALL_FLOOR);
        assertThat(overall.fieldAccuracy()).as("overall field accuracy").isGreaterThanOrEqualTo(FIELD_FLOOR);
        byTool.forEach((tool, t) -> {
            assertThat(t.precision()).as(tool + " precision").isGreaterThanOrEqualTo(TOOL_FLOOR);
            assertThat(t.recall()).as(tool + " recall").isGreaterThanOrEqualTo(TOOL_FLOOR);
        });
    }

    @Test
    void fixture_set_has_at_least_ten_messages_per_tool_with_both_actions_and_look_alikes() throws IOException {
        Map<String, List<Fixture>> byTool = new TreeMap<>();
        fixtures()
                .forEach(f ->
                        byTool.computeIfAbsent(f.tool(), k -> new ArrayList<>()).add(f));
        assertThat(byTool.keySet())
                .contains(
                        "alertmanager",
                        "grafana",
                        "datadog",
                        "pagerduty",
                        "opsgenie",
                        "cloudwatch",
                        "sentry",
                        "newrelic");
        byTool.forEach((tool, list) -> {
            assertThat(list).as(tool).hasSizeGreaterThanOrEqualTo(10);
            if (!tool.equals("other")) {
                assertThat(list)
                        .as(tool)
                        .anyMatch(f -> f.action() == Action.OPEN)
                        .anyMatch(f -> f.action() == Action.CLOSE)
                        .anyMatch(f -> f.action() == Action.NONE && !f.bot())
                        .anyMatch(f -> f.action() == Action.NONE && f.bot());
            }
        });
    }

    private static String row(String tool, Tally t) {
        return String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d | %d | %d | %.2f | %.2f | %.2f |%n",
                tool,
                t.total(),
                t.tp,
                t.fp,
                t.fn,
                t.tn,
                t.precision(),
                t.recall(),
                t.fieldAccuracy());
    }

    private static String firstLine(String text) {
        return text.split("\n", 2)[0];
    }
}
