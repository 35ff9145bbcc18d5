package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.slack.ExportImporter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet demo}: the whole pipeline on a sample workspace, with nothing configured. */
@Command(
        name = "demo",
        header = "Import a sample workspace and show what the bot does with it.",
        footer = {"", "Example:", "  ratchet demo"},
        mixinStandardHelpOptions = true,
        description = {
            "Import a sample workspace (an ops channel with three weeks of alerts and triage, a help channel),",
            "run the pipeline (classification, embeddings) and print the weekly report, a runbook for the recurring",
            "alert, a search and the bot's usage. Uses the LLM when RATCHET_LLM_URL answers; safe to run again."
        })
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--timeout",
            defaultValue = "PT10M",
            description = "How long to wait for the pipeline (default PT10M).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DemoWorkspace workspace = new DemoWorkspace();
        Path export = workspace.build(Instant.now()).writeFolder(Files.createTempDirectory("ratchet-demo"));
        try (Ratchet ratchet = Ratchet.start(root.config(), root.registry(), Clock.systemUTC())) {
            for (String needed : List.of("classifier", "report", "runbook", "recent-activity", "usage")) {
                if (!ratchet.modules().isEnabled(needed)) {
                    throw new StartupException(
                            StartupException.MODULE,
                            "the demo needs the " + needed + " module; it is not enabled (see 'ratchet modules')");
                }
            }
            ratchet.startJobServer();
            out.println("== 1. Importing the sample workspace");
            ExportImporter.Report report = new ExportImporter(
                            ratchet.storage(), ratchet.ingestor(), ratchet.directory())
                    .importFrom(export, null, new ExportImporter.Progress() {
                        @Override
                        public void start(int dayFiles) {}

                        @Override
                        public void step(String file) {}
                    });
            out.printf(
                    "   %d channels, %d people, %d messages (%d new)%n",
                    report.channels(), report.users(), report.messages(), report.newMessages());

            out.println("== 2. Classifying and embedding (job server)");
            waitForPipeline(ratchet, out);

            String ops = DemoWorkspace.OPS;
            out.println();
            out.println("== 3. Weekly report of #team-ops");
            out.println(indent(ModuleTools.text(
                    call(ratchet, "channel_report", Map.of("channel", ops, "days", 7, "format", "text")))));

            out.println();
            out.println("== 4. Runbook for the recurring DiskFull alert");
            Map<?, ?> runbook = (Map<?, ?>)
                    call(ratchet, "alert_runbook", Map.of("channel", ops, "ts", workspace.recurringAlertTs));
            out.println(indent(String.valueOf(runbook.get("text"))));

            out.println();
            out.println("== 5. Search: \"db-1 disk full\"");
            for (Object o : (List<?>)
                    call(ratchet, "search_messages", Map.of("query", "db-1 disk full", "days", 30, "limit", 5))) {
                Map<?, ?> hit = (Map<?, ?>) o;
                out.printf(
                        "   %s  %-12s %s%n",
                        String.valueOf(hit.get("posted_at")).substring(0, 16).replace('T', ' '),
                        hit.get("author"),
                        oneLine(String.valueOf(hit.get("text"))));
            }

            out.println();
            out.println("== 6. Bot usage, last 7 days");
            Map<?, ?> usage = (Map<?, ?>) call(ratchet, "bot_usage", Map.of("days", 7));
            out.println(
                    "   posts: " + usage.get("posts") + "; LLM calls by model: " + byModel(usage.get("llm_by_model")));

            out.println();
            out.println("== 7. Shift hand-off of #team-ops, last 24 hours");
            out.println(indent(ModuleTools.text(
                    call(ratchet, "shift_handoff", Map.of("channel", ops, "since", "24h", "format", "text")))));
            out.println();
            out.println(
                    ratchet.llm().chatAvailable()
                            ? "Generation was on (" + ratchet.llm().chatModel() + ")."
                            : "Generation was off: set RATCHET_LLM_URL to an OpenAI-compatible endpoint (Ollama: http://localhost:11434/v1) for LLM runbooks and suggestions.");
        }
        return 0;
    }

    private void waitForPipeline(Ratchet ratchet, PrintWriter out) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        int total = ratchet.storage().moduleRuns().countWhereEventKeyLike("%C_DEMO_%");
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("   enrichment")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" runs", 1)
                .continuousUpdate()
                .build()) {
            int left;
            while ((left = ratchet.storage().moduleRuns().countUnfinishedWhereEventKeyLike("%C_DEMO_%")) > 0) {
                bar.stepTo(total - left);
                if (System.currentTimeMillis() > deadline) {
                    throw new StartupException(
                            1,
                            "the pipeline did not finish within " + timeout + " (" + left + " module runs left); "
                                    + "is the job server running? Try --timeout PT30M");
                }
                Thread.sleep(250);
            }
            bar.stepTo(total);
        }
        out.printf("   %d module runs done%n", total);
    }

    /** Runs a module's tool through the launcher's one tool path; its result as plain JSON values. */
    private static Object call(Ratchet ratchet, String name, Map<String, Object> args) throws Exception {
        return ModuleTools.call(ratchet, name, args, "demo");
    }

    private static String oneLine(String text) {
        String t = text.replace('\n', ' ');
        return t.length() > 100 ? t.substring(0, 97) + "..." : t;
    }

    static String indent(String text) {
        return "   " + text.replace("\n", "\n   ");
    }

    /** "bge-small (embedding) 42 calls, 0 errors; qwen2.5 (chat) 3 calls, 1 error", or "none". */
    static String byModel(Object rows) {
        if (!(rows instanceof List<?> list) || list.isEmpty()) {
            return "none";
        }
        List<String> parts = new java.util.ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> r) {
                parts.add(r.get("model") + " (" + r.get("kind") + ") " + r.get("calls") + " calls, " + r.get("errors")
                        + " errors");
            }
        }
        return String.join("; ", parts);
    }
}
