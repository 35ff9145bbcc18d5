package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.docs.DocsSources;
import dev.ratchet.core.docs.Documentation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ratchet docs}: the documentation sources. */
@Command(name = "docs", mixinStandardHelpOptions = true, description = "Work with the documentation sources (docs.sources-file).",
        subcommands = {DocsCommand.Status.class, DocsCommand.Refresh.class})
final class DocsCommand {

    @ParentCommand
    RatchetCommand root;

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Each source's revision, document and chunk counts, last refresh and last error.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        DocsCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Ratchet ratchet = Ratchet.start(parent.root.config(), parent.root.registry(), Clock.systemUTC())) {
                var rows = ratchet.docs().status();
                if (json) {
                    out.println(Json.write(rows));
                } else if (rows.isEmpty()) {
                    out.println("no documentation sources have been refreshed; set RATCHET_DOCS_SOURCES_FILE and run 'ratchet docs refresh' or 'ratchet run'");
                } else {
                    out.printf("%-16s %-8s %-14s %9s %7s  %-25s %s%n", "SOURCE", "KIND", "REVISION", "DOCUMENTS", "CHUNKS", "LAST REFRESH", "ERROR");
                    for (Map<String, Object> r : rows) {
                        out.printf("%-16s %-8s %-14s %9s %7s  %-25s %s%n", r.get("id"), r.get("kind"), r.get("revision"), r.get("documents"),
                                r.get("chunks"), r.get("last_refresh"), r.get("error"));
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true, description = "Refresh every source now, in this process.")
    static final class Refresh implements Callable<Integer> {
        @ParentCommand
        DocsCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Ratchet ratchet = Ratchet.start(parent.root.config(), parent.root.registry(), Clock.systemUTC())) {
                if (ratchet.docs().sources().isEmpty()) {
                    out.println("no documentation sources: set RATCHET_DOCS_SOURCES_FILE (see the README)");
                    return 0;
                }
                for (DocsSources.Source s : ratchet.docs().sources()) {
                    Documentation.RefreshResult r = ratchet.docs().refresh(s);
                    out.printf("%s: %d document(s), %d changed (%d chunks), %d removed%n", s.id(), r.documents(), r.changed(), r.chunks(), r.removed());
                }
            }
            return 0;
        }
    }
}
