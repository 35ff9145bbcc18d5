package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.docs.DocsSources;
import dev.ratchet.core.docs.Documentation;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet docs}: the documentation sources. */
@Command(
        name = "docs",
        header = "Work with the documentation sources.",
        footer = {"", "Examples:", "  ratchet docs status", "  ratchet docs ask \"how do I roll back a release?\""},
        mixinStandardHelpOptions = true,
        description = "Work with the documentation sources (docs.sources-file).",
        subcommands = {DocsCommand.Status.class, DocsCommand.Refresh.class, DocsCommand.Ask.class})
final class DocsCommand {

    @ParentCommand
    RatchetCommand root;

    @Command(
            name = "status",
            header = "Show each documentation source's revision and size.",
            footer = {"", "Example:", "  ratchet docs status --json"},
            mixinStandardHelpOptions = true,
            description =
                    "Each source's kind, location, revision (commit for git and github), document and chunk counts, last refresh and last error.")
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
                List<Map<String, Object>> rows = rows(ratchet);
                if (json) {
                    out.println(Json.writeOutput(rows));
                } else if (rows.isEmpty()) {
                    out.println(
                            "no documentation sources: set RATCHET_DOCS_SOURCES_FILE (see the README) and run 'ratchet docs refresh' or 'ratchet run'");
                } else {
                    String format = "%-16s %-7s %-13s %9s %7s  %-24s %s%n";
                    out.printf(
                            format,
                            "SOURCE",
                            "KIND",
                            "REVISION",
                            "DOCUMENTS",
                            "CHUNKS",
                            "LAST REFRESH",
                            "LOCATION / ERROR");
                    for (Map<String, Object> r : rows) {
                        String revision = r.get("revision") == null ? "-" : String.valueOf(r.get("revision"));
                        out.printf(
                                format,
                                r.get("id"),
                                r.get("kind"),
                                revision.length() > 12 ? revision.substring(0, 12) : revision,
                                r.get("documents"),
                                r.get("chunks"),
                                r.get("last_refresh") == null
                                        ? "never"
                                        : String.valueOf(r.get("last_refresh")).replaceAll("\\.\\d+Z$", "Z"),
                                r.get("location"));
                        if (!String.valueOf(r.getOrDefault("error", "")).isEmpty()) {
                            out.printf(format, "", "", "", "", "", "", "error: " + r.get("error"));
                        }
                    }
                }
            }
            return 0;
        }
    }

    /** The stored status of every source, plus configured sources not refreshed yet and a mark on those no longer configured. */
    static List<Map<String, Object>> rows(Ratchet ratchet) {
        List<Map<String, Object>> rows = new ArrayList<>(ratchet.docs().status());
        for (Map<String, Object> r : rows) {
            if (ratchet.docs().sources().stream().noneMatch(s -> s.id().equals(r.get("id")))) {
                r.put(
                        "error",
                        ("no longer in the sources file; its documents stay searchable " + r.getOrDefault("error", ""))
                                .trim());
            }
        }
        for (DocsSources.Source s : ratchet.docs().sources()) {
            if (rows.stream().noneMatch(r -> s.id().equals(r.get("id")))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", s.id());
                row.put("kind", s.kind());
                row.put("location", s.location());
                row.put("revision", null);
                row.put("documents", 0L);
                row.put("chunks", 0L);
                row.put("last_refresh", null);
                row.put("error", "");
                rows.add(row);
            }
        }
        return rows;
    }

    @Command(
            name = "refresh",
            header = "Fetch the documentation sources now.",
            footer = {"", "Example:", "  ratchet docs refresh"},
            mixinStandardHelpOptions = true,
            description = "Refresh every source now, in this process.")
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
                int failed = 0;
                for (DocsSources.Source s : ratchet.docs().sources()) {
                    try {
                        Documentation.RefreshResult r = ratchet.docs().refresh(s);
                        if (r.skipped()) {
                            out.printf("%s: skipped, another refresh of it is running%n", s.id());
                        } else {
                            out.printf(
                                    "%s: %d document(s), %d changed (%d chunks), %d removed%n",
                                    s.id(), r.documents(), r.changed(), r.chunks(), r.removed());
                        }
                    } catch (java.io.IOException e) {
                        // one unreachable source must not keep the others from refreshing; the error is in 'docs
                        // status' too
                        spec.commandLine().getErr().println(e.getMessage());
                        failed++;
                    }
                }
                return failed == 0 ? 0 : 1;
            }
        }
    }

    @Command(
            name = "ask",
            header = "Answer a question from the documentation, citing its passages.",
            footer = {"", "Example:", "  ratchet docs ask \"how do I roll back a release?\""},
            mixinStandardHelpOptions = true,
            description = "Answers through the docrag module's answer_from_docs tool (the retrieval the commands agent"
                    + " and the API use): the answer, or \"I don't know\", and the passages it cites. Needs the docrag"
                    + " module enabled and the sources refreshed ('ratchet docs refresh').")
    static final class Ask implements Callable<Integer> {
        @ParentCommand
        DocsCommand parent;

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question.")
        List<String> words;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Ratchet ratchet = Ratchet.start(parent.root.config(), parent.root.registry(), Clock.systemUTC())) {
                Object answer = ModuleTools.call(
                        ratchet, "answer_from_docs", Map.of("question", String.join(" ", words)), "cli");
                if (json) {
                    out.println(Json.writeOutput(answer));
                    return 0;
                }
                out.println(ModuleTools.text(answer));
                if (answer instanceof Map<?, ?> m
                        && m.get("sources") instanceof List<?> sources
                        && !sources.isEmpty()) {
                    out.println();
                    out.println("Sources:");
                    for (Object o : sources) {
                        Map<?, ?> source = (Map<?, ?>) o;
                        String heading = String.valueOf(source.get("heading"));
                        out.printf(
                                "[%s] %s%s%s%n",
                                source.get("n"),
                                source.get("path"),
                                heading.isEmpty() || heading.equals("null") ? "" : " — " + heading,
                                source.get("url") == null ? "" : " <" + source.get("url") + ">");
                        if (source.get("passage") != null) {
                            out.println("    " + source.get("passage"));
                        }
                    }
                }
                return 0;
            }
        }
    }
}
