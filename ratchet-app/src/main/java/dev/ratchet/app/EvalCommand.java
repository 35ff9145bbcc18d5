package dev.ratchet.app;

import dev.ratchet.core.StartupException;
import dev.ratchet.module.classifier.BuiltinClassifier;
import dev.ratchet.module.classifier.ClassifierEval;
import dev.ratchet.module.classifier.ClassifierEval.Labelled;
import dev.ratchet.module.classifier.ClassifierEval.Report;
import dev.ratchet.module.classifier.ClassifierEval.Tally;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ratchet eval classifier}: score the built-in recognisers on an operator's own labelled messages. */
@Command(
        name = "eval",
        header = "Measure Ratchet's recognisers on labelled data.",
        footer = {"", "Example:", "  ratchet eval classifier labels.jsonl"},
        mixinStandardHelpOptions = true,
        description = "Measure Ratchet's recognisers on labelled data.",
        subcommands = {EvalCommand.Classifier.class})
final class EvalCommand {

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

        @Override
        public Integer call() throws IOException {
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
            Report report = ClassifierEval.score(labelled, new BuiltinClassifier()::classify);
            out.println("Classifier on " + labelled.size() + " labelled messages (" + labels + ")");
            out.println();
            out.print(ClassifierEval.table(report.byTool(), report.overall(), "overall"));
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
