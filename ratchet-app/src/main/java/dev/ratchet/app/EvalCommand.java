package dev.ratchet.app;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.llm.LlmReplay;
import dev.ratchet.core.llm.LlmRuntime;
import dev.ratchet.core.llm.LlmSettings;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.module.classifier.BuiltinClassifier;
import dev.ratchet.module.classifier.ClassifierEval;
import dev.ratchet.module.classifier.ClassifierEval.Labelled;
import dev.ratchet.module.classifier.ClassifierEval.Report;
import dev.ratchet.module.classifier.ClassifierEval.Tally;
import dev.ratchet.spi.LlmUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ratchet eval classifier}: score the built-in recognisers on an operator's own labelled messages; {@code ratchet
 * eval llm}: replay recorded LLM calls against the configured model.
 */
@Command(
        name = "eval",
        header = "Measure Ratchet's recognisers and models on your own data.",
        footer = {
            "",
            "Examples:",
            "  ratchet eval classifier labels.jsonl",
            "  ratchet --set llm.model=qwen2.5:7b eval llm --since 7d"
        },
        mixinStandardHelpOptions = true,
        description = "Measure Ratchet's recognisers on labelled data, or a model on the recorded LLM calls.",
        subcommands = {EvalCommand.Classifier.class, EvalCommand.Llm.class})
final class EvalCommand {

    @ParentCommand
    RatchetCommand root;

    @Command(
            name = "llm",
            header = "Replay recorded LLM calls against the configured model and score it.",
            footer = {
                "",
                "Exit code: 0 when the calls were replayed (whatever the scores), 1 when none could be sent.",
                "",
                "Examples:",
                "  ratchet eval llm --since 7d",
                "  ratchet --set llm.model=qwen2.5:7b --set llm.url=http://localhost:11434/v1 eval llm --since 7d"
            },
            mixinStandardHelpOptions = true,
            description = {
                "Send the successful chat calls recorded in llm_calls again, to the model llm.model at llm.url (only the",
                "model changed), and report: how many JSON answers are valid against their schema on the first try,",
                "how often the tool chosen (or an answer in text) agrees with the answers a 👍 labelled (see",
                "'ratchet llm-calls export'), and the latency p50/p95 of the recorded calls and of the replay. Compare",
                "a model with the one you run on your own history before switching. The replayed calls are recorded",
                "under module eval."
            })
    static final class Llm implements Callable<Integer> {

        @ParentCommand
        EvalCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        CallWindow window;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "200",
                description = "Replay at most N calls, oldest first (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(
                names = "--mistakes",
                paramLabel = "N",
                defaultValue = "20",
                description = "Show at most N disagreements and invalid answers (default ${DEFAULT-VALUE}).")
        int mistakes;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new StartupException(ModuleTools.USAGE, "--limit " + limit + ": give 1 or more");
            }
            Instant from = window.from();
            Instant to = window.to();
            RatchetConfig config = parent.root.config();
            LlmSettings settings = LlmSettings.from(config);
            if (settings.url().isEmpty()) {
                throw new StartupException(
                        StartupException.CONFIG,
                        "llm.url is off: set RATCHET_LLM_URL to the server of the model to try");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.connect(DatabaseSettings.from(config));
                    LlmRuntime llm = new LlmRuntime(settings, db, Clock.systemUTC())) {
                db.migrate();
                llm.probe();
                LlmReplay.Report r;
                try {
                    r = new LlmReplay(llm, db).run(from, to, window.module, limit);
                } catch (LlmUnavailableException e) {
                    spec.commandLine().getErr().println("eval llm: " + e.getMessage());
                    return 1;
                }
                out.println("Replayed " + r.replayed() + " recorded chat call(s)"
                        + (window.module == null ? "" : " of " + window.module) + " against " + r.model()
                        + (r.recordedModels().isEmpty()
                                ? ""
                                : " (recorded with " + String.join(", ", r.recordedModels()) + ")"));
                out.println();
                out.printf(
                        "%-14s %s%n",
                        "JSON answers",
                        r.jsonCalls() == 0
                                ? "no JSON calls"
                                : r.jsonValid() + "/" + r.jsonCalls() + " valid against their schema on the first try ("
                                        + percent(r.jsonValid(), r.jsonCalls()) + ")");
                out.printf(
                        "%-14s %s%n",
                        "tool choice",
                        r.labelledToolCalls() == 0
                                ? "no 👍-labelled calls that choose tools"
                                : r.toolAgreement() + "/" + r.labelledToolCalls() + " agree with the 👍 answers ("
                                        + percent(r.toolAgreement(), r.labelledToolCalls()) + ")");
                out.printf(
                        "%-14s recorded %s; %s %s%n",
                        "latency",
                        latency(r.recordedP50(), r.recordedP95()),
                        r.model(),
                        latency(r.replayP50(), r.replayP95()));
                out.printf(
                        "%-14s %s%n",
                        "failed", r.failed() == 0 ? "none" : r.failed() + " (first: " + r.firstFailure() + ")");
                if (mistakes > 0 && !r.disagreements().isEmpty()) {
                    out.println();
                    out.println("Tool choices that differ from the 👍 answers ("
                            + r.disagreements().size() + "):");
                    r.disagreements().stream().limit(mistakes).forEach(d -> out.println("  " + d));
                }
                if (mistakes > 0 && !r.invalid().isEmpty()) {
                    out.println();
                    out.println("JSON answers not valid against their schema ("
                            + r.invalid().size() + "):");
                    r.invalid().stream().limit(mistakes).forEach(d -> out.println("  " + d));
                }
                out.flush();
                return r.replayed() > 0 && r.failed() == r.replayed() ? 1 : 0;
            }
        }

        private static String percent(int n, int of) {
            return Math.round(100.0 * n / of) + "%";
        }

        private static String latency(Optional<Long> p50, Optional<Long> p95) {
            return p50.isEmpty() ? "none" : "p50 " + p50.get() + " ms, p95 " + p95.get() + " ms";
        }
    }

    @Command(
            name = "classifier",
            header = "Score the classifier on labelled messages.",
            footer = {"", "Example:", "  ratchet eval classifier labels.jsonl --mistakes 20"},
            mixinStandardHelpOptions = true,
            description = {
                "Score the classifier's built-in recognisers on LABELS.jsonl: one message a line, as",
                "{\"tool\": \"pagerduty\", \"action\": \"open|close|none\", \"text\": \"...\", \"username\": \"PagerDuty\",",
                " \"bot\": true, \"alert\": \"...\", \"service\": \"...\"} or with \"message\": {a Slack message JSON}",
                "instead of text. Prints precision, recall and F1 per tool and overall, leave-one-tool-out",
                "(the recogniser named like the tool switched off: alertmanager, grafana, datadog, pagerduty, opsgenie,",
                "cloudwatch, sentry, newrelic) and the messages it got wrong."
            })
    static final class Classifier implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "LABELS.jsonl", description = "The labelled messages.")
        Path labels;

        @Option(
                names = "--mistakes",
                paramLabel = "N",
                defaultValue = "50",
                description = "Show at most N messages it got wrong (default ${DEFAULT-VALUE}; 0 for none).")
        int mistakes;

        @Option(
                names = "--repeat-window",
                paramLabel = "DURATION",
                defaultValue = "12h",
                description = {
                    "Read the file in order as one channel, as the classifier stores alerts: an opening that repeats one",
                    "still open within DURATION (same poster, same words) is no new alert (default ${DEFAULT-VALUE},",
                    "the classifier's repeat-window; off to score each message alone)."
                })
        String repeatWindow;

        @Override
        public Integer call() throws IOException {
            java.time.Duration window;
            try {
                window = ClassifierEval.repeatWindow(repeatWindow);
            } catch (IllegalArgumentException e) {
                throw new StartupException(
                        ModuleTools.USAGE, "--repeat-window: " + e.getMessage() + "; e.g. --repeat-window 12h or off");
            }
            List<Labelled> labelled;
            try (Reader in = Files.newBufferedReader(labels, StandardCharsets.UTF_8)) {
                labelled = ClassifierEval.read(in);
            } catch (NoSuchFileException e) {
                throw new StartupException(ModuleTools.USAGE, labels + ": no such file");
            } catch (IllegalArgumentException e) {
                throw new StartupException(ModuleTools.USAGE, labels + ": " + e.getMessage());
            } catch (java.nio.charset.MalformedInputException e) {
                throw new StartupException(ModuleTools.USAGE, labels + ": not UTF-8 text");
            }
            PrintWriter out = spec.commandLine().getOut();
            BuiltinClassifier builtin = new BuiltinClassifier();
            Report report = ClassifierEval.score(labelled, builtin::classify, window);
            out.println("Classifier on " + labelled.size() + " labelled messages (" + labels + ")");
            out.println();
            out.print(ClassifierEval.table(report.byTool(), report.overall(), "overall"));
            // as the module classifies by default (classifier.poster-history): each bot message no recogniser knows
            // read with what the recognisers said of the same poster's earlier messages in the file
            Report history = ClassifierEval.scoreWithHistory(labelled, builtin::classify, builtin, window);
            out.println();
            out.println(
                    "With the poster's history (classifier.poster-history, on by default; the file read in order):");
            out.println();
            out.print(ClassifierEval.table(Map.of(), history.overall(), "overall, with the poster's history"));
            Map<String, Tally> loo = ClassifierEval.leaveOneToolOut(labelled);
            out.println();
            out.println("Leave-one-tool-out (each tool's own recogniser off; only the generic one can find it):");
            out.println();
            out.print(ClassifierEval.table(loo, ClassifierEval.sum(loo.values()), "all tools left out"));
            if (mistakes > 0 && !report.mistakes().isEmpty()) {
                out.println();
                out.println("Mistakes (" + report.mistakes().size()
                        + ": a wrong action, or the right one with another alert or service):");
                report.mistakes().stream().limit(mistakes).forEach(m -> out.println("  " + m));
            }
            return 0;
        }
    }
}
