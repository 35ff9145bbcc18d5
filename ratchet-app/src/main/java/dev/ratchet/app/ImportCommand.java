package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.slack.ExportImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet import EXPORT}: a Slack workspace export into the database. */
@Command(
        name = "import",
        header = "Import a Slack workspace export.",
        footer = {"", "Example:", "  ratchet import slack-export.zip"},
        mixinStandardHelpOptions = true,
        description = {
            "Import a Slack workspace export (the .zip, or its unpacked folder): users' names, channels and",
            "messages with their threads. Safe to run again: nothing is duplicated. Imported history is enriched by",
            "the job servers ('run' or 'worker'), never replied to. Malformed files are reported and skipped."
        })
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EXPORT", description = "The export .zip or folder.")
    Path export;

    @Option(
            names = "--team",
            paramLabel = "TEAM_ID",
            description = "Workspace id to record (default: from users.json).")
    String team;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Ratchet ratchet = Ratchet.start(root.config(), root.registry(), Clock.systemUTC())) {
            ExportImporter importer = new ExportImporter(ratchet.storage(), ratchet.ingestor(), ratchet.directory());
            ProgressBar[] bar = new ProgressBar[1];
            ExportImporter.Report report;
            try {
                report = importer.importFrom(export, team, new ExportImporter.Progress() {
                    @Override
                    public void start(int dayFiles) {
                        bar[0] = new ProgressBarBuilder()
                                .setTaskName("Importing")
                                .setInitialMax(dayFiles)
                                .setStyle(ProgressBarStyle.ASCII)
                                .setUnit(" files", 1)
                                .continuousUpdate()
                                .build();
                    }

                    @Override
                    public void step(String file) {
                        bar[0].step();
                        bar[0].setExtraMessage(file);
                    }
                });
            } catch (IOException e) {
                throw new StartupException(
                        StartupException.CONFIG, "cannot read the export " + export + ": " + e.getMessage());
            } finally {
                if (bar[0] != null) {
                    bar[0].close();
                }
            }
            out.printf(
                    "imported %s: %d channel(s), %d user(s), %d day file(s), %d message(s) (%d new)%n",
                    export, report.channels(), report.users(), report.files(), report.messages(), report.newMessages());
            report.problems().forEach(p -> spec.commandLine().getErr().println("problem: " + p));
            return report.problems().isEmpty() ? 0 : 6;
        }
    }
}
