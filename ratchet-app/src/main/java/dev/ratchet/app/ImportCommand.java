package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.slack.ExportImporter;
import dev.ratchet.core.slack.GoDatabaseImporter;
import dev.ratchet.core.storage.GoDatabaseReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

/**
 * {@code ratchet import EXPORT}: a Slack workspace export into the database; {@code ratchet import --from-go-db URL}:
 * the history of a Go Ratchet's database.
 */
@Command(
        name = "import",
        header = "Import a Slack workspace export.",
        footer = {"", "Example:", "  ratchet import slack-export.zip"},
        mixinStandardHelpOptions = true,
        description = {
            "Import a Slack workspace export (the .zip, or its unpacked folder): users' names, channels and",
            "messages with their threads. Safe to run again: nothing is duplicated. Imported history is enriched by",
            "the job servers ('run' or 'worker'), never replied to. Malformed files are reported and skipped.",
            "With --from-go-db: the channels, messages (threads, reactions) and alert classifications of a Go Ratchet",
            "(v0.0.11) database; embeddings are made again with the configured model."
        })
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EXPORT", arity = "0..1", description = "The export .zip or folder.")
    Path export;

    @Option(
            names = "--from-go-db",
            paramLabel = "URL",
            description = {
                "Import a Go Ratchet's database instead: postgresql://USER:PASSWORD@HOST:PORT/DATABASE",
                "(from its RATCHET_DATABASE_* settings) or a jdbc:postgresql:// URL. Read only; never printed with its password."
            })
    String fromGoDb;

    @Option(
            names = "--team",
            paramLabel = "TEAM_ID",
            description =
                    "Workspace id to record (default: from users.json; with --from-go-db, the one already in the database, else T_IMPORTED).")
    String team;

    @Override
    public Integer call() {
        if ((export == null) == (fromGoDb == null)) {
            throw new StartupException(
                    ModuleTools.USAGE,
                    export == null
                            ? "import needs an EXPORT (.zip or folder) or --from-go-db URL"
                            : "import takes an EXPORT or --from-go-db, not both: run it once for each");
        }
        if (fromGoDb != null) {
            return importGoDatabase();
        }
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

    private int importGoDatabase() {
        PrintWriter out = spec.commandLine().getOut();
        GoDatabaseReader go;
        try {
            go = GoDatabaseReader.open(fromGoDb);
        } catch (IllegalArgumentException e) {
            throw new StartupException(ModuleTools.USAGE, e.getMessage());
        } catch (IllegalStateException e) {
            throw new StartupException(StartupException.DATABASE, e.getMessage());
        }
        try (go;
                Ratchet ratchet = Ratchet.start(root.config(), root.registry(), Clock.systemUTC())) {
            String teamId = team != null ? team : onlyTeam(ratchet);
            GoDatabaseImporter importer =
                    new GoDatabaseImporter(ratchet.storage(), ratchet.ingestor(), ratchet.directory());
            GoProgress progress = System.console() != null ? new BarProgress() : new LineProgress(out);
            GoDatabaseImporter.Report report;
            try {
                report = importer.importFrom(go, teamId, progress);
            } finally {
                progress.close();
            }
            out.printf(
                    "imported %s: %d channel(s), %d message(s) (%d new), %d thread reply(ies), %d reaction(s), %d alert event(s) (%d new)%n",
                    go.safeUrl(),
                    report.channels(),
                    report.messages(),
                    report.newMessages(),
                    report.threadReplies(),
                    report.reactions(),
                    report.alerts(),
                    report.newAlerts());
            out.println("embeddings are made again with the configured model by the job servers ('run' or 'worker')");
            if (report.llmUsageRows() > 0 || report.documents() > 0) {
                out.printf(
                        "not imported: %d LLM usage row(s) (they stay in the Go database) and %d document(s) (configure"
                                + " the docs sources here and they are read again)%n",
                        report.llmUsageRows(), report.documents());
            }
            if (!report.docResponseChannels().isEmpty()) {
                out.println("documentation answers were on in " + String.join(", ", report.docResponseChannels())
                        + ": to keep them, set docrag.auto-channels=" + String.join(",", report.docResponseChannels()));
            }
            report.problems().forEach(p -> spec.commandLine().getErr().println("problem: " + p));
            return report.problems().isEmpty() ? 0 : 6;
        }
    }

    /** The workspace already in this database when there is exactly one; else a placeholder, as for exports. */
    private static String onlyTeam(Ratchet ratchet) {
        List<String> teams = ratchet.storage().directory().teamIds();
        return teams.size() == 1 ? teams.get(0) : "T_IMPORTED";
    }

    private interface GoProgress extends GoDatabaseImporter.Progress, AutoCloseable {
        @Override
        void close();
    }

    /** A progress bar with rate and ETA, on a terminal. */
    private static final class BarProgress implements GoProgress {
        private ProgressBar bar;

        @Override
        public void start(long messages) {
            bar = new ProgressBarBuilder()
                    .setTaskName("Importing")
                    .setInitialMax(messages)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" messages", 1)
                    .continuousUpdate()
                    .build();
        }

        @Override
        public void done(long messages) {
            bar.stepTo(messages);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** One line at each tenth of the way, off a terminal (a log file, a pipe). */
    private static final class LineProgress implements GoProgress {
        private final PrintWriter out;
        private long total;
        private long printedTenth = -1;

        LineProgress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void start(long messages) {
            total = messages;
            out.printf("importing %d message(s)%n", messages);
        }

        @Override
        public void done(long messages) {
            long tenth = total == 0 ? 10 : Math.min(10, messages * 10 / total);
            if (tenth > printedTenth) {
                printedTenth = tenth;
                out.printf("imported %d/%d message(s) (%d%%)%n", messages, total, tenth * 10);
                out.flush();
            }
        }

        @Override
        public void close() {}
    }
}
